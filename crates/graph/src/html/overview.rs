//! The compact graph of sources drawn in the HTML report.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use crate::graph::ClaimGraph;
use crate::text::{dot_label, truncate_chars};

/// Agreement lines drawn per source in the report's sources graph: its strongest ones.
const AGREE_LINES_PER_SOURCE: usize = 3;

impl ClaimGraph<'_> {
    /// A compact Graphviz graph for the HTML report: one node per source (outlet), one edge per
    /// pair of sources that agree, contradict or copy, labelled with the claim pair counts. It
    /// stays readable for a few dozen sources, where the per-article sources view does not.
    pub fn sources_overview_dot(&self) -> String {
        let sources = self.source_names();
        let index: BTreeMap<&str, usize> =
            sources.iter().enumerate().map(|(i, s)| (*s, i)).collect();
        let mut articles = vec![0usize; sources.len()];
        for a in self.articles() {
            articles[index[a.meta.source.as_str()]] += 1;
        }
        // (agree, contradict, copy) per pair of sources.
        let mut links: BTreeMap<(usize, usize), (usize, usize, bool)> = BTreeMap::new();
        for link in self.source_links() {
            let x = index[self.articles()[link.a].meta.source.as_str()];
            let y = index[self.articles()[link.b].meta.source.as_str()];
            if x == y {
                continue;
            }
            let e = links.entry((x.min(y), x.max(y))).or_default();
            e.0 += link.agree;
            e.1 += link.contradict;
            e.2 |= link.copy;
        }
        // Agreement lines: each source's strongest few, so that a set of thirty sources that
        // all share a little is not a solid disc of lines. Contradictions and copies are all
        // drawn.
        let mut strongest: Vec<Vec<(usize, usize)>> = vec![Vec::new(); sources.len()];
        for (&(x, y), &(agree, _, _)) in &links {
            if agree > 0 {
                strongest[x].push((agree, y));
                strongest[y].push((agree, x));
            }
        }
        let mut drawn: BTreeSet<(usize, usize)> = BTreeSet::new();
        for (x, list) in strongest.iter_mut().enumerate() {
            list.sort_by(|p, q| q.0.cmp(&p.0).then(p.1.cmp(&q.1)));
            for &(_, y) in list.iter().take(AGREE_LINES_PER_SOURCE) {
                drawn.insert((x.min(y), x.max(y)));
            }
        }
        let mut out = String::new();
        out.push_str("graph sources {\n");
        // Meant for a spring layout (`neato`, chosen by the caller): no overlaps, lines routed
        // round the boxes.
        // A few sources get long lines (room for their labels), which the overlap removal's
        // compression pass would undo; many sources need it to fit the page.
        let few = sources.len() <= 6;
        let _ = writeln!(
            out,
            "  graph [charset=\"UTF-8\", fontname=\"Helvetica\", overlap=false, overlap_shrink={}, sep=\"+8\", splines=true, bgcolor=\"transparent\"];",
            !few
        );
        out.push_str("  node [shape=box, style=\"rounded,filled\", fillcolor=\"#f5f5f5\", color=\"#555555\", fontname=\"Helvetica\", fontsize=16, margin=\"0.15,0.08\"];\n");
        // A few sources: longer lines, so that the labels between them have room.
        let len = if few { 4.0 } else { 1.0 };
        let _ = writeln!(
            out,
            "  edge [fontname=\"Helvetica\", fontsize=14, len={len}];"
        );
        for (i, name) in sources.iter().enumerate() {
            let mut label = dot_label(&truncate_chars(name, 60), 30);
            if articles[i] > 1 {
                let _ = write!(label, "\\n{} articles", articles[i]);
            }
            let _ = writeln!(out, "  s{i} [label=\"{label}\", tooltip=\"{label}\"];");
        }
        for ((x, y), (agree, contradict, copy)) in links {
            if contradict == 0 && !copy && !drawn.contains(&(x, y)) {
                continue;
            }
            let mut counts = Vec::new();
            if copy {
                counts.push("near-duplicate".to_string());
            }
            for (n, what) in [(agree, "agree"), (contradict, "contradict")] {
                if n > 0 {
                    counts.push(format!("{n} {what}"));
                }
            }
            // Only contradictions and copies are labelled (with the agreements beside them):
            // agreement alone is the line's weight.
            let label = match (contradict, copy) {
                (0, false) => String::new(),
                (0, true) => "copy".to_string(),
                (n, _) if agree > 0 => format!("{n} contradict\\n{agree} agree"),
                (n, _) => format!("{n} contradict"),
            };
            let (color, style) = if contradict > 0 {
                ("#c62828", "bold")
            } else if agree > 0 {
                ("#2e7d32", "solid")
            } else {
                ("#1565c0", "dashed")
            };
            let _ = writeln!(
                out,
                "  s{x} -- s{y} [color=\"{color}\", fontcolor=\"{color}\", style={style}, penwidth={:.2}, label=\"{label}\", tooltip=\"{}: {}\"];",
                1.0 + 1.2 * ((agree + contradict) as f64).ln_1p(),
                dot_label(&format!("{} – {}", sources[x], sources[y]), 0),
                counts.join(", ")
            );
        }
        out.push_str("}\n");
        out
    }
}
