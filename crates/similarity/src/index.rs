//! Candidate pairs through an inverted index, never all n² pairs of a set.
//!
//! Every claim posts its keys (scorer terms, resolved entities, quantities). Keys found in too
//! many claims are skipped (they block nothing and cost df² work). For each claim, the claims
//! of other articles that share keys accumulate the keys' IDF weight, and only the best
//! `max_candidates` are kept: the work is bounded by the postings of the rare keys, and memory
//! by `claims × max_candidates`.
use rayon::prelude::*;

use crate::types::Config;

/// Index keys live in disjoint ranges of one integer space.
pub(crate) const TERM: u64 = 0;
pub(crate) const ENTITY: u64 = 1 << 32;
pub(crate) const QUANTITY: u64 = 2 << 32;

/// One claim as the index sees it.
pub(crate) struct Posting<'a> {
    pub article: usize,
    /// Sorted, deduplicated keys.
    pub keys: &'a [u64],
}

/// Candidate pairs `(i, j)` of claim numbers with `i < j`, from different articles, sorted and
/// deduplicated. Deterministic for any thread count: each claim's candidates are computed
/// independently, ties broken by claim number.
pub(crate) fn candidates(claims: &[Posting], config: &Config) -> Vec<(u32, u32)> {
    let n = claims.len();
    if n < 2 {
        return Vec::new();
    }
    // Postings: (key, claim) sorted by key then claim.
    let mut entries: Vec<(u64, u32)> = claims
        .iter()
        .enumerate()
        .flat_map(|(i, c)| c.keys.iter().map(move |&k| (k, i as u32)))
        .collect();
    // By key, claims in order within a key: they were listed in claim order and the radix
    // sort is stable, so this is the (key, claim) order, in a few passes over the bytes that
    // differ (a comparison sort was a quarter of finding the candidates).
    radsort::sort_by_key(&mut entries, |&(key, _)| key);
    // A fixed ceiling as well as a share: the work is the sum of df² over the keys kept, so a
    // share alone would make it grow with the square of the set.
    let cap = config
        .min_df_cap
        .max((config.max_df_share * n as f32).ceil() as usize)
        .min(config.max_df_cap.max(config.min_df_cap));
    // Key table: (start, end, weight) over `entries`, for the keys worth blocking on; and for
    // each claim, the slots of its keys in that table (CSR: `slots[slot_start[i]..
    // slot_start[i + 1]]`), so the per-claim loop needs no look-up.
    let mut keys: Vec<(u32, u32, f32)> = Vec::new();
    let mut per_claim = vec![0u32; n + 1];
    let mut start = 0;
    while start < entries.len() {
        let key = entries[start].0;
        let mut end = start + 1;
        while end < entries.len() && entries[end].0 == key {
            end += 1;
        }
        let df = end - start;
        if df >= 2 && df <= cap {
            let idf = ((n as f32 + 1.0) / df as f32).ln();
            let boost = if key >= ENTITY { 1.5 } else { 1.0 };
            keys.push((start as u32, end as u32, idf * boost));
            for &(_, c) in &entries[start..end] {
                per_claim[c as usize + 1] += 1;
            }
        }
        start = end;
    }
    for i in 0..n {
        per_claim[i + 1] += per_claim[i];
    }
    let slot_start = per_claim;
    let mut slots = vec![0u32; slot_start[n] as usize];
    let mut fill: Vec<u32> = slot_start[..n].to_vec();
    for (slot, &(s, e, _)) in keys.iter().enumerate() {
        for &(_, c) in &entries[s as usize..e as usize] {
            slots[fill[c as usize] as usize] = slot as u32;
            fill[c as usize] += 1;
        }
    }
    // The inner loop reads only these: claim numbers in posting order and each claim's
    // article, packed (the loop touches every posting of every key of every claim).
    let members: Vec<u32> = entries.iter().map(|&(_, c)| c).collect();
    drop(entries);
    let article_of: Vec<usize> = claims.iter().map(|c| c.article).collect();
    let k = config.max_candidates.max(1);
    let pairs: Vec<(u32, u32)> = (0..n)
        .into_par_iter()
        .map_init(
            || (vec![0f32; n], Vec::<u32>::new(), Vec::<(f32, u32)>::new()),
            |(acc, touched, best), i| {
                let article = article_of[i];
                // Claim numbers are below `n`, the length of `acc` and `article_of`: the
                // checks of this loop, which visits every posting of every key of the claim,
                // are left out.
                let (acc, article_of) = (&mut acc[..n], &article_of[..n]);
                for &slot in &slots[slot_start[i] as usize..slot_start[i + 1] as usize] {
                    let (s, e, w) = keys[slot as usize];
                    for &j in &members[s as usize..e as usize] {
                        let j = j as usize;
                        debug_assert!(j < n);
                        // SAFETY: `members` lists the claim numbers of `entries`, each below
                        // `n` (one entry per key of each of the `n` claims).
                        let (a, sum) =
                            unsafe { (*article_of.get_unchecked(j), acc.get_unchecked_mut(j)) };
                        if a == article {
                            continue;
                        }
                        if *sum == 0.0 {
                            touched.push(j as u32);
                        }
                        *sum += w;
                    }
                }
                // Pairs sharing only one common word are not worth scoring.
                best.clear();
                best.extend(
                    touched
                        .iter()
                        .map(|&j| (acc[j as usize], j))
                        .filter(|&(w, _)| w >= config.min_shared_weight),
                );
                for &j in touched.iter() {
                    acc[j as usize] = 0.0;
                }
                touched.clear();
                if best.len() > k {
                    best.select_nth_unstable_by(k - 1, |x, y| {
                        y.0.total_cmp(&x.0).then(x.1.cmp(&y.1))
                    });
                    best.truncate(k);
                }
                best.iter()
                    .map(|&(_, j)| {
                        let (a, b) = (i as u32, j);
                        if a < b {
                            (a, b)
                        } else {
                            (b, a)
                        }
                    })
                    .collect::<Vec<_>>()
            },
        )
        .flatten_iter()
        .collect();
    sorted_unique(&pairs, n)
}

/// `pairs` (of claim numbers below `n`) sorted and deduplicated: a counting sort on the first
/// claim, then a sort of each claim's few partners. Sorting the whole list by comparison took
/// about as long as finding the candidates.
pub(crate) fn sorted_unique(pairs: &[(u32, u32)], n: usize) -> Vec<(u32, u32)> {
    let mut start = vec![0usize; n + 1];
    for &(a, _) in pairs {
        start[a as usize + 1] += 1;
    }
    for i in 0..n {
        start[i + 1] += start[i];
    }
    let mut partners = vec![0u32; pairs.len()];
    let mut fill = start.clone();
    for &(a, b) in pairs {
        partners[fill[a as usize]] = b;
        fill[a as usize] += 1;
    }
    let mut out = Vec::with_capacity(pairs.len());
    for a in 0..n {
        let run = &mut partners[start[a]..start[a + 1]];
        run.sort_unstable();
        let mut last = None;
        for &b in run.iter() {
            if last != Some(b) {
                out.push((a as u32, b));
                last = Some(b);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorted_unique_sorts_and_deduplicates(
            pairs in proptest::collection::vec((0u32..30, 0u32..30), 0..200),
        ) {
            let mut expected = pairs.clone();
            expected.sort_unstable();
            expected.dedup();
            prop_assert_eq!(sorted_unique(&pairs, 30), expected);
        }
    }

    #[test]
    fn blocks_on_shared_keys_and_skips_same_article() {
        let keys: Vec<Vec<u64>> = vec![
            vec![1, 2, 3],
            vec![1, 2, 9],
            vec![3, 4],
            vec![5, 6],
            vec![1, 2, 3],
        ];
        let articles = [0, 1, 1, 2, 0];
        let postings: Vec<Posting> = keys
            .iter()
            .zip(articles)
            .map(|(k, article)| Posting { article, keys: k })
            .collect();
        let config = Config {
            min_shared_weight: 0.0,
            ..Config::default()
        };
        let pairs = candidates(&postings, &config);
        // 0 and 4 share everything but are in one article; 3 shares nothing.
        assert_eq!(pairs, vec![(0, 1), (0, 2), (1, 4), (2, 4)]);
    }

    #[test]
    fn caps_candidates_per_claim() {
        let shared: Vec<u64> = vec![7];
        let postings: Vec<Posting> = (0..50)
            .map(|article| Posting {
                article,
                keys: &shared,
            })
            .collect();
        let config = Config {
            max_candidates: 3,
            min_df_cap: 100,
            min_shared_weight: 0.0,
            ..Config::default()
        };
        let pairs = candidates(&postings, &config);
        // Each claim keeps 3 (ties broken by claim number), so every claim pairs with 0, 1, 2.
        assert!(pairs.len() <= 50 * 3);
        assert!(pairs.contains(&(0, 1)) && pairs.contains(&(2, 49)));
        assert!(!pairs.contains(&(10, 20)));
    }
}
