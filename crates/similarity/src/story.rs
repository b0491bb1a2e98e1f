//! Stories: the articles of a set grouped by the event they report.
//!
//! A set often mixes several similar events (two celebrities entering rehab, two earthquakes).
//! Claims about one event are worded freely across articles, so a claim pair alone is weak
//! evidence; whole articles are strong evidence: the same rare people, places, organisations
//! (resolved through the alias groups), figures and words. Each article is reduced to the set
//! of its claims' index keys, weighted by their inverse article frequency in the set (names
//! count triple), and articles are compared by cosine — but only the pairs the inverted index
//! proposes (the best `ARTICLE_CANDIDATES` per article), never all n² pairs. Stories are then
//! formed by average-linkage clustering over that sparse graph (a pair the index did not
//! propose counts as 0), which does not chain two events together through one article that
//! mentions both, as single linkage would.
use std::cmp::Ordering;
use std::collections::{BTreeMap, BinaryHeap};

use rayon::prelude::*;

use crate::index;
use crate::types::Config;

/// Article neighbours proposed by the index per article.
const ARTICLE_CANDIDATES: usize = 30;
/// Weight of a name (entity group) against a word. ECB+ dev, story pair F1 at the best link
/// threshold: 0.85 with 1, 0.90 with 2, 0.91 with 3 (and 0.90 over thresholds 0.075-0.1).
const ENTITY_BOOST: f32 = 3.0;

/// The story of each article: ids numbered from 0 in the order of each story's first article.
/// `claim_keys[c]` are the sorted index keys of claim `c`, which belongs to `article_of[c]`.
pub(crate) fn stories(
    articles: usize,
    article_of: &[usize],
    claim_keys: &[Vec<u64>],
    config: &Config,
) -> Vec<usize> {
    if articles == 0 {
        return Vec::new();
    }
    let mut keys: Vec<Vec<u64>> = vec![Vec::new(); articles];
    for (&a, k) in article_of.iter().zip(claim_keys) {
        keys[a].extend_from_slice(k);
    }
    keys.par_iter_mut().for_each(|k| {
        k.sort_unstable();
        k.dedup();
    });
    // Article frequency of each key.
    let mut all: Vec<u64> = keys.iter().flatten().copied().collect();
    radsort::sort(&mut all);
    let mut df: Vec<(u64, u32)> = Vec::new();
    for k in all {
        match df.last_mut() {
            Some((last, n)) if *last == k => *n += 1,
            _ => df.push((k, 1)),
        }
    }
    let n = articles as f32;
    let weight = |key: u64| -> f32 {
        let Ok(i) = df.binary_search_by_key(&key, |d| d.0) else {
            return 0.0;
        };
        let f = df[i].1;
        if f < 2 {
            // A key of one article is never shared: it would only penalise long articles.
            return 0.0;
        }
        let idf = ((n + 1.0) / f as f32).ln();
        let boost = if (index::ENTITY..index::QUANTITY).contains(&key) {
            ENTITY_BOOST
        } else {
            1.0
        };
        idf * boost
    };
    let weighted: Vec<Vec<(u64, f32)>> = keys
        .par_iter()
        .map(|k| {
            k.iter()
                .map(|&key| (key, weight(key)))
                .filter(|&(_, w)| w > 0.0)
                .collect()
        })
        .collect();
    let norms: Vec<f32> = weighted
        .iter()
        .map(|k| k.iter().map(|(_, w)| w * w).sum::<f32>().sqrt())
        .collect();
    let postings: Vec<index::Posting> = keys
        .iter()
        .enumerate()
        .map(|(article, k)| index::Posting { article, keys: k })
        .collect();
    let candidate_config = Config {
        max_candidates: ARTICLE_CANDIDATES,
        min_shared_weight: 0.0,
        ..config.clone()
    };
    let pairs = index::candidates(&postings, &candidate_config);
    let edges: Vec<(u32, u32, f32)> = pairs
        .par_iter()
        .map(|&(i, j)| {
            let (a, b) = (&weighted[i as usize], &weighted[j as usize]);
            let mut dot = 0.0f32;
            let (mut x, mut y) = (0, 0);
            while x < a.len() && y < b.len() {
                match a[x].0.cmp(&b[y].0) {
                    Ordering::Less => x += 1,
                    Ordering::Greater => y += 1,
                    Ordering::Equal => {
                        dot += a[x].1 * b[y].1;
                        x += 1;
                        y += 1;
                    }
                }
            }
            let norm = norms[i as usize] * norms[j as usize];
            let cosine = if norm > 0.0 { dot / norm } else { 0.0 };
            (i, j, cosine)
        })
        .filter(|&(_, _, c)| c > 0.0)
        .collect();
    average_linkage(articles, &edges, config.story_link)
}

/// Extra candidate pairs within each story: claims of one event are worded freely, so the
/// best `config.story_candidates` per claim among the claims of its own story's other articles
/// join the set-wide candidates. Each story is indexed on its own, so the work grows with the
/// stories' sizes, not with the set's square. `(i, j)` with `i < j`, sorted, deduplicated.
pub(crate) fn story_candidates(
    story_of: &[usize],
    article_of: &[usize],
    claim_keys: &[Vec<u64>],
    config: &Config,
) -> Vec<(u32, u32)> {
    let stories = story_of.iter().copied().max().map_or(0, |m| m + 1);
    let mut articles_in = vec![0usize; stories];
    for &s in story_of {
        articles_in[s] += 1;
    }
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); stories];
    for (c, &a) in article_of.iter().enumerate() {
        let s = story_of[a];
        if articles_in[s] >= 2 {
            members[s].push(c as u32);
        }
    }
    let local_config = Config {
        max_candidates: config.story_candidates,
        min_shared_weight: config.story_min_shared_weight,
        ..config.clone()
    };
    let pairs: Vec<(u32, u32)> = members
        .par_iter()
        .filter(|m| !m.is_empty())
        .flat_map_iter(|m| {
            let postings: Vec<index::Posting> = m
                .iter()
                .map(|&c| index::Posting {
                    article: article_of[c as usize],
                    keys: &claim_keys[c as usize],
                })
                .collect();
            index::candidates(&postings, &local_config)
                .into_iter()
                .map(|(i, j)| (m[i as usize], m[j as usize]))
                .collect::<Vec<_>>()
        })
        .collect();
    index::sorted_unique(&pairs, article_of.len())
}

/// A candidate merge in the heap: highest average first, then the lowest ids.
#[derive(PartialEq)]
struct Merge {
    average: f32,
    a: u32,
    b: u32,
}

impl Eq for Merge {}

impl Ord for Merge {
    fn cmp(&self, other: &Self) -> Ordering {
        self.average
            .total_cmp(&other.average)
            .then_with(|| other.a.cmp(&self.a))
            .then_with(|| other.b.cmp(&self.b))
    }
}

impl PartialOrd for Merge {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Agglomerative clustering: repeatedly merge the two clusters with the highest average
/// similarity over all their article pairs (missing edges count 0) while it is at least
/// `threshold`. Sparse: each cluster keeps the summed similarity to its neighbours, and a merge
/// folds the smaller neighbour map into the larger one.
fn average_linkage(n: usize, edges: &[(u32, u32, f32)], threshold: f32) -> Vec<usize> {
    let mut size = vec![1u32; n];
    let mut alive = vec![true; n];
    let mut links: Vec<BTreeMap<u32, f32>> = vec![BTreeMap::new(); n];
    for &(i, j, s) in edges {
        *links[i as usize].entry(j).or_default() += s;
        *links[j as usize].entry(i).or_default() += s;
    }
    let average = |sum: f32, x: u32, y: u32| sum / (x as f32 * y as f32);
    let mut heap = BinaryHeap::new();
    for (i, l) in links.iter().enumerate() {
        for (&j, &s) in l {
            if (i as u32) < j && s >= threshold {
                heap.push(Merge {
                    average: s,
                    a: i as u32,
                    b: j,
                });
            }
        }
    }
    let mut parent: Vec<u32> = (0..n as u32).collect();
    while let Some(Merge { average: avg, a, b }) = heap.pop() {
        if !alive[a as usize] || !alive[b as usize] {
            continue;
        }
        // Stale when either cluster has changed since this entry was pushed.
        let Some(&sum) = links[a as usize].get(&b) else {
            continue;
        };
        if average(sum, size[a as usize], size[b as usize]) != avg {
            continue;
        }
        // Keep the cluster with more neighbours; fold the other in.
        let (keep, gone) = if links[a as usize].len() >= links[b as usize].len() {
            (a, b)
        } else {
            (b, a)
        };
        alive[gone as usize] = false;
        parent[gone as usize] = keep;
        size[keep as usize] += size[gone as usize];
        let gone_links = std::mem::take(&mut links[gone as usize]);
        links[keep as usize].remove(&gone);
        for (c, s) in gone_links {
            if c == keep {
                continue;
            }
            *links[keep as usize].entry(c).or_default() += s;
            let other = &mut links[c as usize];
            other.remove(&gone);
            let total = links[keep as usize][&c];
            links[c as usize].insert(keep, total);
        }
        for (&c, &s) in &links[keep as usize] {
            let avg = average(s, size[keep as usize], size[c as usize]);
            if avg >= threshold {
                let (x, y) = if keep < c { (keep, c) } else { (c, keep) };
                heap.push(Merge {
                    average: avg,
                    a: x,
                    b: y,
                });
            }
        }
    }
    // Root of each article, then story ids in order of first article.
    let root = |mut i: u32| {
        while parent[i as usize] != i {
            i = parent[i as usize];
        }
        i
    };
    let mut id_of_root: BTreeMap<u32, usize> = BTreeMap::new();
    (0..n as u32)
        .map(|i| {
            let r = root(i);
            let next = id_of_root.len();
            *id_of_root.entry(r).or_insert(next)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn average_linkage_does_not_chain() {
        // 0-1-2 tight, 3-4 tight, 2-3 one strong bridge: two stories, not one.
        let edges = [
            (0, 1, 0.6),
            (0, 2, 0.5),
            (1, 2, 0.6),
            (3, 4, 0.7),
            (2, 3, 0.5),
        ];
        assert_eq!(average_linkage(6, &edges, 0.3), vec![0, 0, 0, 1, 1, 2]);
        // Single articles stay alone; a low threshold joins everything connected.
        assert_eq!(average_linkage(6, &edges, 0.01), vec![0, 0, 0, 0, 0, 1]);
    }

    #[test]
    fn story_candidates_need_enough_shared_weight() {
        // One story of two articles. Claims 0 and 3 share one word in 2 of the story's 6
        // claims (IDF ln(7/2) = 1.25); claims 1 and 4 share two such words (2.5).
        let claim_keys = vec![
            vec![9, 20],
            vec![5, 6, 21],
            vec![22],
            vec![9, 23],
            vec![5, 6, 24],
            vec![25],
        ];
        let article_of = [0, 0, 0, 1, 1, 1];
        let story_of = [0, 0];
        let strict = Config {
            story_min_shared_weight: 1.75,
            ..Config::default()
        };
        assert_eq!(
            story_candidates(&story_of, &article_of, &claim_keys, &strict),
            vec![(1, 4)]
        );
        // The default floor (the set-wide one) keeps both.
        assert_eq!(
            story_candidates(&story_of, &article_of, &claim_keys, &Config::default()),
            vec![(0, 3), (1, 4)]
        );
    }

    #[test]
    fn stories_group_articles_by_shared_rare_keys() {
        // Articles 0, 2 share names 1 and 2; articles 1, 3 share names 3 and 4; all share
        // the word 9.
        let e = |g: u64| index::ENTITY | g;
        let claim_keys = vec![
            vec![9, e(1), e(2)],
            vec![9, e(3)],
            vec![9, e(1)],
            vec![9, e(2)],
            vec![9, e(3), e(4)],
            vec![9, e(4)],
        ];
        let article_of = [0, 1, 2, 2, 3, 3];
        let story = stories(4, &article_of, &claim_keys, &Config::default());
        assert_eq!(story, vec![0, 1, 0, 1]);
    }
}
