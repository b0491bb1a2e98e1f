//! Near-duplicate articles: syndicated wire copy republished by several outlets.
//!
//! Each claim is reduced to a fingerprint of its words (case, punctuation and spacing ignored).
//! Articles that share fingerprints are found through the fingerprint postings, not by comparing
//! all pairs of articles; two articles are copies when most claims of the shorter one are in the
//! other. Copies are grouped, and every copy points at the earliest article of its group (by
//! publication date where both have an ISO date, else by position in the set).
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};

use concord_parser::Article;

/// FNV-1a, 64 bits: stable across runs and platforms (std's hasher is seeded per process).
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x100_0000_01b3);
        }
    }
}

/// FNV-1a over the lower-cased alphanumeric words.
fn fingerprint(text: &str) -> u64 {
    // A char hashes as its four bytes (`write_u32`, native order); an ASCII one's last three
    // are zeros, whose steps only multiply: (h ^ byte) times the prime to the fourth.
    const PRIME_4: u64 = 0x100_0000_01b3u64
        .wrapping_mul(0x100_0000_01b3)
        .wrapping_mul(0x100_0000_01b3)
        .wrapping_mul(0x100_0000_01b3);
    let little_endian = cfg!(target_endian = "little");
    let mut h = Fnv(0xcbf2_9ce4_8422_2325);
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if word.is_ascii() && little_endian {
            for b in word.bytes() {
                h.0 = (h.0 ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(PRIME_4);
            }
        } else {
            for c in word.chars().flat_map(char::to_lowercase) {
                c.hash(&mut h);
            }
        }
        0u8.hash(&mut h);
    }
    h.finish()
}

/// Claims this short ("He said.") are too common to show copying.
const MIN_WORDS: usize = 5;

/// Copied text must run to this many words in all: one templated line ("Qtly div 25 cts vs 25
/// cts prior") shared by two short items is not a copy.
const MIN_SHARED_WORDS: usize = 20;

/// A fingerprint shared by more articles than this is boilerplate, not copy.
const MAX_ARTICLES_PER_PRINT: usize = 500;

pub(crate) fn copies(articles: &[Article], share: f32) -> Vec<Option<usize>> {
    let n = articles.len();
    // (fingerprint, article, words)
    let mut prints: Vec<(u64, u32, u32)> = Vec::new();
    let mut sizes = vec![0usize; n];
    for (i, a) in articles.iter().enumerate() {
        let mut mine: Vec<(u64, u32)> = a
            .claims
            .iter()
            .map(|c| (c, c.folded.split_whitespace().count()))
            .filter(|&(_, words)| words >= MIN_WORDS)
            .map(|(c, words)| (fingerprint(&c.folded), words as u32))
            .collect();
        mine.sort_unstable();
        mine.dedup_by_key(|(p, _)| *p);
        sizes[i] = mine.len();
        prints.extend(mine.into_iter().map(|(p, w)| (p, i as u32, w)));
    }
    prints.sort_unstable();
    // Shared fingerprints (count, words) per article pair.
    let mut shared: BTreeMap<(u32, u32), (usize, usize)> = BTreeMap::new();
    let mut s = 0;
    while s < prints.len() {
        let mut e = s + 1;
        while e < prints.len() && prints[e].0 == prints[s].0 {
            e += 1;
        }
        if e - s >= 2 && e - s <= MAX_ARTICLES_PER_PRINT {
            for x in s..e {
                for y in x + 1..e {
                    let entry = shared.entry((prints[x].1, prints[y].1)).or_default();
                    entry.0 += 1;
                    entry.1 += prints[x].2 as usize;
                }
            }
        }
        s = e;
    }
    // The earliest article: by publication date where it is an ISO date, else by position.
    let order_key = |i: usize| -> (String, usize) {
        let date = articles[i]
            .meta
            .published
            .as_deref()
            .filter(|d| d.len() >= 10 && d.as_bytes()[..4].iter().all(u8::is_ascii_digit))
            .map(|d| d.chars().take(25).collect::<String>())
            .unwrap_or_else(|| "\u{10FFFF}".to_string());
        (date, i)
    };
    // Each copy points at the earliest article it copies directly. Not transitive: chains of
    // partial overlaps must not gather unrelated items under one "original".
    let mut copy_of: Vec<Option<usize>> = vec![None; n];
    for (&(a, b), &(count, words)) in &shared {
        let (a, b) = (a as usize, b as usize);
        let smaller = sizes[a].min(sizes[b]);
        if smaller == 0 || (count as f32) < share * smaller as f32 || words < MIN_SHARED_WORDS {
            continue;
        }
        let (early, late) = if order_key(a) < order_key(b) {
            (a, b)
        } else {
            (b, a)
        };
        let better = match copy_of[late] {
            None => true,
            Some(current) => order_key(early) < order_key(current),
        };
        if better {
            copy_of[late] = Some(early);
        }
    }
    // An original is never itself a copy of a later one; a copy of a copy points at the first.
    for i in 0..n {
        let mut seen = 0;
        while let Some(j) = copy_of[i].and_then(|c| copy_of[c]) {
            copy_of[i] = Some(j);
            seen += 1;
            if seen > n {
                break;
            }
        }
    }
    copy_of
}

#[cfg(test)]
mod tests {
    use super::*;
    use concord_parser::{analyze, ArticleMeta, RawArticle};

    fn article(id: &str, published: Option<&str>, text: &str) -> Article {
        analyze(RawArticle {
            meta: ArticleMeta {
                id: id.into(),
                source: id.into(),
                published: published.map(str::to_string),
                ..Default::default()
            },
            text: text.into(),
        })
    }

    proptest::proptest! {
        /// The ASCII shortcut gives the hash of every char's four bytes, as `Hash` writes them.
        #[test]
        fn fingerprint_hashes_each_lower_case_char(text in "[a-zA-Z0-9 .,'-]{0,60}|\\PC{0,40}") {
            let mut h = Fnv(0xcbf2_9ce4_8422_2325);
            for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
                for c in word.chars().flat_map(char::to_lowercase) {
                    c.hash(&mut h);
                }
                0u8.hash(&mut h);
            }
            proptest::prop_assert_eq!(fingerprint(&text), h.finish());
        }
    }

    #[test]
    fn wire_copies_point_at_the_earliest() {
        let wire = "The central bank raised its key rate by half a point on Tuesday. \
                    Analysts had expected a smaller move after weak retail figures. \
                    The currency rose sharply against the dollar in early trading.";
        let edited = "The central bank raised its key rate by half a point on Tuesday. \
                      Analysts had expected a smaller move after weak retail figures. \
                      Our correspondent adds that markets were calm in the afternoon.";
        let other = "A storm closed the main port for two days this week. \
                     Fishermen said the losses would take months to recover.";
        let set = vec![
            article("a", Some("2024-05-02T10:00:00Z"), wire),
            article("b", Some("2024-05-01T09:00:00Z"), edited),
            article("c", None, other),
            article("d", None, wire),
        ];
        assert_eq!(copies(&set, 0.6), vec![Some(1), None, None, Some(1)]);
    }

    #[test]
    fn odd_dates_neither_panic_nor_reorder() {
        let text = "The central bank raised its key rate by half a point on Tuesday. \
                    Analysts had expected a smaller move after weak retail figures.";
        let set = vec![
            article(
                "a",
                Some(
                    "2024-05-02 \u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}",
                ),
                text,
            ),
            article("b", Some("yesterday"), text),
            article("c", Some("2024-05-01"), text),
        ];
        assert_eq!(copies(&set, 0.6), vec![Some(2), Some(2), None]);
    }
}
