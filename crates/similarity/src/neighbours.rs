//! Candidate pairs from the encoder: each claim's nearest claims of other articles of its story.
//!
//! Paraphrases that share few words ("All 40 officers and sailors aboard were killed" / "all 40
//! sailors had died") never meet in the inverted index; their vectors are close. The search is
//! exact within a story (a set groups its articles into stories first, so it never compares all
//! claims of a large mixed set with each other), and a story too large for an exact search
//! keeps only its index candidates.
use concord_encoder::{cosine, Vector};
use rayon::prelude::*;

/// Above this many claims a story is not searched exactly (its cost grows with the square).
pub(crate) const MAX_EXACT: usize = 20_000;

/// Pairs (i < j) of claims of different articles of one story where j is among i's `k` nearest
/// (or i among j's) with a cosine of at least `min_cosine`. Sorted, deduplicated.
pub(crate) fn nearest(
    vectors: &[Vector],
    article_of: &[usize],
    story_of: &[usize],
    k: usize,
    min_cosine: f32,
) -> Vec<(u32, u32)> {
    let mut by_story: Vec<Vec<u32>> = Vec::new();
    for (claim, &article) in article_of.iter().enumerate() {
        let story = story_of[article];
        if by_story.len() <= story {
            by_story.resize(story + 1, Vec::new());
        }
        by_story[story].push(claim as u32);
    }
    let mut pairs: Vec<(u32, u32)> = by_story
        .par_iter()
        .filter(|members| members.len() >= 2 && members.len() <= MAX_EXACT)
        .flat_map_iter(|members| {
            members.iter().flat_map(move |&i| {
                let mut best: Vec<(f32, u32)> = Vec::with_capacity(k + 1);
                for &j in members {
                    if article_of[j as usize] == article_of[i as usize] {
                        continue;
                    }
                    let c = cosine(&vectors[i as usize], &vectors[j as usize]);
                    if c < min_cosine || (best.len() == k && c <= best[k - 1].0) {
                        continue;
                    }
                    // Ties broken by claim index, so that the result is deterministic.
                    let at = best.partition_point(|&(x, y)| x > c || (x == c && y < j));
                    best.insert(at, (c, j));
                    best.truncate(k);
                }
                best.into_iter().map(move |(_, j)| (i.min(j), i.max(j)))
            })
        })
        .collect();
    pairs.par_sort_unstable();
    pairs.dedup();
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use concord_encoder::DIM;

    fn unit(angle: f32) -> Vector {
        let mut v = [0f32; DIM];
        v[0] = angle.cos();
        v[1] = angle.sin();
        v
    }

    #[test]
    fn nearest_pairs_cross_articles_within_a_story() {
        // Claims 0, 1 in article 0; 2 in article 1; 3 in article 2 (another story).
        let vectors = [unit(0.0), unit(0.05), unit(0.1), unit(0.0)];
        let article_of = [0, 0, 1, 2];
        let story_of = [0, 0, 1];
        let pairs = nearest(&vectors, &article_of, &story_of, 1, 0.5);
        assert_eq!(pairs, vec![(0, 2), (1, 2)]);
        // One story: claim 3 (article 2) is as close to claim 0 as claim 0 is to itself.
        let pairs = nearest(&vectors, &article_of, &[0, 0, 0], 1, 0.5);
        assert!(pairs.contains(&(0, 3)), "{pairs:?}");
        assert!(pairs
            .iter()
            .all(|&(i, j)| article_of[i as usize] != article_of[j as usize]));
    }

    #[test]
    fn far_claims_are_no_candidates() {
        let vectors = [unit(0.0), unit(1.5)];
        assert!(nearest(&vectors, &[0, 1], &[0, 0], 3, 0.5).is_empty());
    }
}
