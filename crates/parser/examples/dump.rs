//! Print what the parser finds in one file: every sentence with its kind, then every claim with
//! speaker, flags, entities, quantities and times. `cargo run -p concord-parser --example dump -- FILE`
use concord_parser::{parse_document, Format};

fn main() {
    for path in std::env::args().skip(1) {
        if let Some(text) = path.strip_prefix("sentence:") {
            let c = concord_parser::analyze_sentence(text);
            let q: Vec<String> = c.quantities.iter().map(|q| q.to_string()).collect();
            let e: Vec<String> = c
                .entities
                .iter()
                .map(|e| format!("{}:{:?}", e.name, e.kind))
                .collect();
            println!(
                "spk={:?} quote={} hedge={} neg={} cond={:?} ents={e:?} qty={q:?}\n   {}",
                c.speaker, c.quote, c.hedged, c.negated, c.condition, c.text
            );
            continue;
        }
        let bytes = std::fs::read(&path).expect("read");
        let ext = path.rsplit('.').next().unwrap_or("txt");
        let format = Format::from_extension(ext).unwrap_or(Format::Text);
        for doc in parse_document(&path, &bytes, format) {
            match doc {
                Err(e) => println!("ERROR {e}"),
                Ok(a) => {
                    println!(
                        "== {} title={:?} published={:?}",
                        a.meta.id, a.meta.title, a.meta.published
                    );
                    for s in &a.sentences {
                        println!(
                            "S{} [{}] {}..{} {}",
                            s.index,
                            s.kind.as_str(),
                            s.span.start,
                            s.span.end,
                            s.text
                        );
                    }
                    for c in &a.claims {
                        let q: Vec<String> = c.quantities.iter().map(|q| q.to_string()).collect();
                        let e: Vec<String> = c
                            .entities
                            .iter()
                            .map(|e| format!("{}:{:?}", e.name, e.kind))
                            .collect();
                        let t: Vec<&str> = c.times.iter().map(|t| t.text.as_str()).collect();
                        println!(
                            "C{} s{} spk={:?} quote={} head={} hedge={} neg={} cond={:?}\n   {}\n   ents={:?} qty={:?} times={:?}",
                            c.index, c.sentence, c.speaker, c.quote, c.headline, c.hedged, c.negated, c.condition, c.text, e, q, t
                        );
                    }
                }
            }
        }
    }
}
