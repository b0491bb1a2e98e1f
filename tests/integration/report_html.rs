//! report.html: escaping by the template engine, counts equal to report.md's, links that land,
//! and the lean matches.csv beside it. What a browser makes of the page is checked by
//! `scripts/browser_check.py` (headless Chromium, run by `.ci/run`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::common::{concord, fixture, seeds_dir};

fn compare(inputs: &[&Path], out: &Path, extra: &[&str]) {
    let mut cmd = concord();
    cmd.arg("compare")
        .args(inputs)
        .arg("--out")
        .arg(out)
        .arg("-q");
    cmd.args(extra);
    let run = cmd.output().expect("run concord");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

/// The summary counts of report.md's first line.
fn markdown_counts(md: &str) -> BTreeMap<String, usize> {
    let line = md
        .lines()
        .find(|l| l.contains(" claims · **"))
        .expect("summary line");
    let numbers: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap())
        .collect();
    let keys = [
        "articles",
        "sources",
        "claims",
        "corroborated",
        "contested",
        "exclusive",
        "near_duplicates",
    ];
    keys.iter().map(|k| k.to_string()).zip(numbers).collect()
}

/// The `data-count` figures of report.html.
fn page_counts(html: &str) -> BTreeMap<String, usize> {
    html.split("data-count=\"")
        .skip(1)
        .map(|rest| {
            let (key, rest) = rest.split_once('"').unwrap();
            let n = rest
                .split("<b>")
                .nth(1)
                .unwrap()
                .split("</b>")
                .next()
                .unwrap();
            (key.to_string(), n.parse().unwrap())
        })
        .collect()
}

/// Items of a kind on the page, and the entries report.md lists in that section.
fn listed(html: &str, md: &str) -> Vec<(usize, usize)> {
    let section = |title: &str| -> String {
        let start = md.find(&format!("\n## {title}\n")).unwrap_or(md.len());
        let end = md[start + 1..]
            .find("\n## ")
            .map_or(md.len(), |e| start + 1 + e);
        md[start..end].to_string()
    };
    let headings = |s: String| s.lines().filter(|l| l.starts_with("### ")).count();
    let exclusive = section("Exclusive claims")
        .lines()
        .filter(|l| l.starts_with("- ") && !l.starts_with("- … and"))
        .count();
    vec![
        (
            html.matches("data-kind=\"contested\"").count(),
            headings(section("Contested points")),
        ),
        (
            html.matches("data-kind=\"corroborated\"").count(),
            headings(section("Corroborated claims")),
        ),
        (html.matches("data-kind=\"exclusive\"").count(), exclusive),
    ]
}

#[test]
fn markup_in_an_article_is_shown_as_text_never_run() {
    let tmp = tempfile::tempdir().unwrap();
    compare(&[&fixture("cli/hostile.jsonl")], tmp.path(), &[]);
    let html = std::fs::read_to_string(tmp.path().join("report.html")).unwrap();
    // The page's own script is the only one; no tag carries an event handler; nothing links to
    // a `javascript:` address (an article's url field included).
    assert_eq!(html.matches("<script").count(), 1, "{html}");
    assert!(!html.contains("<img"), "an <img> tag from an article");
    let tags: Vec<&str> = html
        .split('<')
        .skip(1)
        .map(|t| t.split('>').next().unwrap())
        .collect();
    for tag in &tags {
        let lower = tag.to_ascii_lowercase();
        assert!(!lower.contains("onerror"), "handler in <{tag}>");
        assert!(!lower.contains("javascript:"), "javascript: in <{tag}>");
    }
    assert!(!html.contains("<b>Evil"), "a source name's markup");
    assert!(!html.contains("<i>ready"), "a title's markup");
    // ... and each is there as text, escaped by the engine.
    for shown in [
        "&lt;script&gt;document.title=&#x27;PWNED&#x27;&lt;&#x2f;script&gt;",
        "&quot;&gt;&lt;img src=x onerror=&quot;document.title=&#x27;PWNED&#x27;&quot;&gt;",
        "&lt;a href=&quot;javascript:document.title=&#x27;PWNED&#x27;&quot;&gt;this link",
        "&lt;b&gt;Evil&lt;&#x2f;b&gt; &quot;Times&quot;",
        "Talks &lt;i&gt;ready&lt;&#x2f;i&gt;",
    ] {
        assert!(html.contains(shown), "{shown} not shown as text");
    }
    // An http(s) address is linked, escaped; a javascript: one is not linked at all.
    assert!(html
        .contains("<a href=\"https:&#x2f;&#x2f;herald.example&#x2f;a?x=1&amp;y=&quot;2&quot;\""));
    assert!(!html.contains("alert(4)"), "the javascript: url is shown");
}

#[test]
fn page_counts_equal_report_md_counts() {
    let tmp = tempfile::tempdir().unwrap();
    for (name, inputs) in [
        ("seeds", vec![seeds_dir()]),
        ("hostile", vec![fixture("cli/hostile.jsonl")]),
        (
            "mixed",
            vec![fixture("cli/set"), fixture("cli/feed.jsonl"), seeds_dir()],
        ),
    ] {
        let out = tmp.path().join(name);
        let paths: Vec<&Path> = inputs.iter().map(|p| p.as_path()).collect();
        let mut cmd = concord();
        cmd.arg("compare")
            .args(&paths)
            .arg("--out")
            .arg(&out)
            .arg("-q");
        cmd.output().expect("run concord");
        let html = std::fs::read_to_string(out.join("report.html")).unwrap();
        let md = std::fs::read_to_string(out.join("report.md")).unwrap();
        let expected = markdown_counts(&md);
        assert_eq!(expected.len(), 7, "{name}: {md}");
        assert_eq!(page_counts(&html), expected, "{name}");
        for (page, report) in listed(&html, &md) {
            assert_eq!(page, report, "{name}: items listed");
        }
    }
}

#[test]
fn every_claim_link_lands_on_its_claim_in_the_article_view() {
    let tmp = tempfile::tempdir().unwrap();
    compare(&[&seeds_dir()], tmp.path(), &[]);
    let html = std::fs::read_to_string(tmp.path().join("report.html")).unwrap();
    let ids: BTreeSet<&str> = html
        .split(" id=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    let links: Vec<&str> = html
        .split("href=\"#")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    assert!(links.len() > 40, "every listed claim has a link");
    for link in &links {
        assert!(ids.contains(link), "#{link} has no target");
        assert!(link.contains("-c"), "#{link} is not a claim");
    }
    // The highlighted span is the claim's text, cut from the article by its character offsets.
    let claims = std::fs::read_to_string(tmp.path().join("claims.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(claims.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let col = |n: &str| headers.iter().position(|h| h == n).unwrap();
    let (article, text) = (col("article"), col("text"));
    let articles: Vec<String> = {
        let mut seen: Vec<String> = Vec::new();
        for r in csv::Reader::from_reader(claims.as_bytes()).records() {
            let r = r.unwrap();
            if !seen.contains(&r[article].to_string()) {
                seen.push(r[article].to_string());
            }
        }
        seen
    };
    for (i, r) in reader.records().map(|r| r.unwrap()).enumerate().take(60) {
        let a = articles.iter().position(|x| *x == r[article]).unwrap();
        let c = r[col("claim_id")].rsplit('#').next().unwrap().to_string();
        let anchor = format!("<span class=\"claim\" id=\"a{a}-c{c}\" tabindex=\"-1\">");
        let at = html
            .find(&anchor)
            .unwrap_or_else(|| panic!("row {i}: no {anchor}"));
        let shown = &html[at + anchor.len()..];
        let shown = &shown[..shown.find("</span>").unwrap()];
        let escaped = r[text]
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
            .replace('\'', "&#x27;")
            .replace('/', "&#x2f;");
        assert_eq!(shown, escaped, "row {i}");
    }
}

#[test]
fn the_page_is_self_contained() {
    let tmp = tempfile::tempdir().unwrap();
    compare(&[&seeds_dir()], tmp.path(), &[]);
    let html = std::fs::read_to_string(tmp.path().join("report.html")).unwrap();
    for outside in ["src=\"http", "href=\"http", "<link", "@import", "url(http"] {
        assert!(!html.contains(outside), "the page loads {outside}");
    }
    assert!(html.contains("default-src 'none'"), "no network by policy");
    assert!(html.contains("<svg"), "the sources graph is inline");
    assert!(html.contains("@media print"), "printable");
}

#[test]
fn without_graphviz_the_built_in_renderer_draws_the_sources() {
    let tmp = tempfile::tempdir().unwrap();
    let run = concord()
        .env("PATH", tmp.path())
        .arg("compare")
        .arg(seeds_dir())
        .arg("--out")
        .arg(tmp.path().join("out"))
        .arg("-q")
        .output()
        .unwrap();
    assert!(run.status.success());
    let html = std::fs::read_to_string(tmp.path().join("out/report.html")).unwrap();
    assert!(html.contains("<svg"), "a picture");
    assert!(html.contains("Drawn by the built-in renderer (Graphviz `dot` is not on PATH)"));
}

/// (relation, score, claim_a, claim_b) of each row of a matches.csv.
fn match_rows(dir: &Path) -> Vec<(String, f64, String, String)> {
    let mut reader = csv::Reader::from_path(dir.join("matches.csv")).unwrap();
    reader
        .records()
        .map(|r| r.unwrap())
        .map(|r| {
            (
                r[0].to_string(),
                r[1].parse().unwrap(),
                r[5].to_string(),
                r[12].to_string(),
            )
        })
        .collect()
}

#[test]
fn lean_matches_keep_every_agree_and_contradict_row_and_each_claims_best_related_one() {
    let tmp = tempfile::tempdir().unwrap();
    let inputs = [
        seeds_dir(),
        fixture("cli/set"),
        fixture("cli/hostile.jsonl"),
    ];
    let paths: Vec<&Path> = inputs.iter().map(|p| p.as_path()).collect();
    let (lean_dir, all_dir) = (tmp.path().join("lean"), tmp.path().join("all"));
    compare(&paths, &lean_dir, &[]);
    compare(&paths, &all_dir, &["--all-pairs"]);
    let (lean, all) = (match_rows(&lean_dir), match_rows(&all_dir));
    assert!(
        lean.len() < all.len() / 4,
        "{} of {}",
        lean.len(),
        all.len()
    );
    let strong = |rows: &[(String, f64, String, String)]| -> Vec<_> {
        rows.iter().filter(|r| r.0 != "related").cloned().collect()
    };
    assert_eq!(strong(&lean), strong(&all), "agree and contradict rows");
    // Each related row kept is, for one of its claims, the best related row scoring 0.35 or
    // more; and each claim's best such row is kept.
    let mut best: BTreeMap<&str, f64> = BTreeMap::new();
    for r in all.iter().filter(|r| r.0 == "related" && r.1 >= 0.35) {
        for c in [&r.2, &r.3] {
            let b = best.entry(c.as_str()).or_insert(0.0);
            *b = b.max(r.1);
        }
    }
    let kept: Vec<_> = lean.iter().filter(|r| r.0 == "related").collect();
    assert!(!kept.is_empty(), "some related rows are useful");
    for r in &kept {
        assert!(r.1 >= 0.35, "{r:?}");
        assert!(all.contains(r), "{r:?} is a row of --all-pairs");
        assert!(
            best[r.2.as_str()] == r.1 || best[r.3.as_str()] == r.1,
            "{r:?}"
        );
    }
    for (claim, score) in &best {
        assert!(
            kept.iter()
                .any(|r| (r.2 == *claim || r.3 == *claim) && r.1 >= *score),
            "{claim}'s best related row ({score}) is missing"
        );
    }
    // The rows keep the order of --all-pairs.
    let order: Vec<_> = all.iter().filter(|r| lean.contains(r)).collect();
    assert_eq!(order, lean.iter().collect::<Vec<_>>());
}
