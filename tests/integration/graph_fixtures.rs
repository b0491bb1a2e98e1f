//! Hand-built articles and alignments for the graph tests, and the Graphviz check.
#![allow(dead_code)]

use std::io::Write;
use std::process::{Command, Stdio};

use concord_parser::{parse_document, Article, Claim, Format};
use concord_similarity::{ClaimRef, Match, Reason, ReasonKind, Relation};

/// An article with exactly the given claims. The claim template comes from the parser, so the
/// fixture keeps compiling when the parser adds fields.
pub fn article(id: &str, source: &str, claims: &[&str]) -> Article {
    let mut a = parse_document(
        &format!("{id}.txt"),
        b"Officials said the bridge was closed on Monday.",
        Format::Text,
    )
    .into_iter()
    .next()
    .expect("one article")
    .expect("parses");
    let template: Claim = a
        .claims
        .first()
        .cloned()
        .expect("the template sentence is a claim");
    a.meta.id = id.to_string();
    a.meta.source = source.to_string();
    a.claims = claims
        .iter()
        .enumerate()
        .map(|(i, text)| Claim {
            index: i,
            text: text.to_string(),
            folded: text.to_string(),
            speaker: None,
            headline: false,
            ..template.clone()
        })
        .collect();
    a
}

pub fn at(article: usize, claim: usize) -> ClaimRef {
    ClaimRef { article, claim }
}

pub fn agree(a: ClaimRef, b: ClaimRef, score: f32) -> Match {
    Match {
        a,
        b,
        score,
        relation: Relation::Agree,
        reason: None,
    }
}

pub fn related(a: ClaimRef, b: ClaimRef, score: f32) -> Match {
    Match {
        a,
        b,
        score,
        relation: Relation::Related,
        reason: None,
    }
}

pub fn contradict(a: ClaimRef, b: ClaimRef, score: f32, kind: ReasonKind, detail: &str) -> Match {
    Match {
        a,
        b,
        score,
        relation: Relation::Contradict,
        reason: Some(Reason {
            kind,
            detail: detail.to_string(),
        }),
    }
}

/// Whether Graphviz `dot` can be run. Missing `dot` skips with a note, except under CI (the
/// `CI` environment variable), where it is installed and its absence is a failure.
pub fn dot_available() -> bool {
    let found = Command::new("dot")
        .arg("-V")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but Graphviz `dot` is not installed (apt-get install graphviz)"
        );
        eprintln!("note: Graphviz `dot` not installed; skipping the rendering check");
    }
    found
}

/// Renders DOT text with `dot -Tsvg`; panics with Graphviz's messages on any error or warning.
pub fn render_svg(name: &str, dot: &str) -> String {
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn dot");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(dot.as_bytes())
        .expect("write DOT to dot");
    let out = child.wait_with_output().expect("dot runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stderr.trim().is_empty(),
        "dot -Tsvg failed on {name}: {stderr}\n--- DOT ---\n{dot}"
    );
    let svg = String::from_utf8(out.stdout).expect("SVG is UTF-8");
    assert!(svg.contains("<svg"), "{name}: no SVG produced");
    svg
}
