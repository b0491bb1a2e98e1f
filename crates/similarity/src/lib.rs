//! Aligns claims across sources, scores them, and labels each kept pair.
//!
//! [`Aligner::align`] takes the articles of one set (one story) and returns an [`Alignment`]:
//! - names are resolved across sources into alias groups ("Sergey Lavrov = Sergei Lavrov =
//!   Lavrov", "Washington = the U.S."), so that shared entities count whatever the spelling;
//! - candidate pairs come from an inverted index over terms, entities and quantities with
//!   document-frequency cut-offs and a per-claim cap, never from all n² pairs;
//! - each candidate is scored (symmetric, in [0, 1]) and labelled `agree`, `contradict` (with a
//!   typed [`Reason`]: numeric, negation, antonym, attribution, time, place, modality) or
//!   `related`; pairs within one article are never matched;
//! - syndicated copies are detected, so that corroboration counts independent sources;
//! - the articles are grouped into stories (events) by article-level evidence: shared rare
//!   names, figures and words ([`Alignment::story_of`]). A set often mixes similar events (two
//!   celebrities entering rehab); claims of one story are matched more freely (more candidates,
//!   kept as `related` from a low score when they share a word or a name), claims of different
//!   stories only when nearly the same statement ([`Config::cross_story_score`]), and never as
//!   `agree`: the same words about two events ("no arrests have been made") corroborate nothing.
//!
//! A contradiction needs evidence that both claims are about the same thing before it looks
//! for an incompatibility: shared content words, a shared actor or speaker, and no subject the
//! other claim never mentions (claims naming nobody lean on their articles sharing their main
//! actors). A pair of sentences given to [`Aligner::judge_texts`] is presumed to describe one
//! situation, as NLI pairs do; claims of a set are not.
//!
//! Work is spread over rayon's pool; the output is sorted and identical for any thread count.
//! [`Aligner::judge`] and [`Aligner::judge_texts`] label a single pair (the evaluation path).

mod alias;
mod dup;
mod index;
mod judge;
mod neighbours;
mod places;
mod relation;
mod score;
mod story;
mod types;
mod view;
mod wording;

pub use concord_encoder::Encoder;
pub use judge::{Evidence, Judge, DETECTOR_MIN_COSINE, JUDGE_FEATURES, N_JUDGE_FEATURES};
pub use score::{
    Prepared, Scorer, TermId, AGREE_THRESHOLD, FEATURE_NAMES, N_FEATURES, PARAPHRASE_MIN_SCORE,
    PARAPHRASE_THRESHOLD,
};
pub use types::{
    AliasGroup, Alignment, ClaimRef, Config, Judgement, Match, Reason, ReasonKind, Relation,
};

use std::collections::BTreeMap;

use concord_parser::{Article, Claim, EntityKind};
use rayon::prelude::*;

use alias::{NameSeen, Resolver};
use view::{View, ViewBuilder};

/// Candidate pairs handed to the scorer at once by one task of `Aligner::align`.
const SCORE_CHUNK: usize = 64;

/// Each claim's nearest claims of other articles (by the encoder) that become candidates.
const NEIGHBOURS: usize = 3;

/// ... from this cosine on. A pair this close is kept (as `related` at least) whatever its
/// lexical score.
const NEIGHBOUR_MIN_COSINE: f32 = 0.6;

/// Scores and labels claim pairs. Build once, use for many sets (it holds the lexicon, and the
/// encoder when there is one).
///
/// With an encoder ([`Aligner::with_encoder`], the default of the command line) every pair is
/// judged by the learned [`Judge`] over the lexical score, the encoder's cosine and the typed
/// detectors; without one (`--fast`) by the static-vector score and the rules of
/// [`relation`], as before the encoder.
#[derive(Debug, Default)]
pub struct Aligner {
    config: Config,
    scorer: score::Scorer,
    encoder: Option<Encoder>,
    judge: Judge,
}

impl Aligner {
    pub fn new(config: Config) -> Self {
        Aligner {
            config,
            scorer: score::Scorer::new(),
            encoder: None,
            judge: Judge::embedded(),
        }
    }

    /// An aligner that embeds every claim with `encoder` and decides with the learned judge.
    pub fn with_encoder(config: Config, encoder: Encoder) -> Self {
        Aligner {
            encoder: Some(encoder),
            ..Aligner::new(config)
        }
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// What decides this aligner's relations, for the manifests of batch outputs:
    /// `minilm+judge-<hash of the judge's weights>`, or `static+rules` on the `--fast` path.
    pub fn fingerprint(&self) -> String {
        match self.encoder {
            Some(_) => format!("minilm+judge-{:016x}", self.judge.fingerprint()),
            None => "static+rules".to_string(),
        }
    }

    /// Whether this aligner runs the encoder (false on the `--fast` path).
    pub fn has_encoder(&self) -> bool {
        self.encoder.is_some()
    }

    /// The encoder's vectors of `texts`, or `None` on the `--fast` path (or should the
    /// encoder fail, which it does not on any text: the judge then falls back to the rules).
    fn vectors(&self, texts: &[&str]) -> Option<Vec<concord_encoder::Vector>> {
        self.encoder.as_ref()?.embed(texts).ok()
    }

    /// The evidence the judge decides on, for two views already scored.
    #[allow(clippy::too_many_arguments)]
    fn evidence(
        &self,
        a: &View,
        b: &View,
        lexical: f32,
        cosine: f32,
        one_situation: bool,
        same_story: bool,
        set_conflict: Option<Reason>,
    ) -> Evidence {
        let presumed = if one_situation {
            set_conflict.clone()
        } else if cosine >= DETECTOR_MIN_COSINE {
            relation::conflict(a, b, lexical, &self.config, true, same_story)
        } else {
            None
        };
        let (wa, wb) = (a.tokens.len().max(1), b.tokens.len().max(1));
        Evidence {
            lexical,
            cosine,
            overlap: relation::content_overlap(a, b),
            one_situation,
            set_conflict,
            presumed,
            negation_mismatch: a.negated != b.negated,
            hedge_mismatch: a.hedged != b.hedged,
            shared_entities: a
                .entities
                .iter()
                .filter(|g| b.entities.binary_search(g).is_ok())
                .count(),
            length_ratio: wa.min(wb) as f32 / wa.max(wb) as f32,
            figures_differ: !a.amounts.is_empty()
                && !b.amounts.is_empty()
                && relation::figures_differ(a, b),
            wording: one_situation.then(|| wording::wording(a, b)),
        }
    }

    /// The evidence for pairs of free-standing texts, as [`Aligner::judge_texts`] builds it
    /// (`one_situation`), or as two claims of a set would be compared (for the judge's
    /// training on news pairs: `scripts/train_judge.py`). Texts are embedded together; the
    /// cosine is 0 without an encoder.
    pub fn text_evidence(&self, pairs: &[(&str, &str)], one_situation: bool) -> Vec<Evidence> {
        let claims: Vec<(Claim, Claim)> = pairs
            .par_iter()
            .map(|(a, b)| {
                (
                    concord_parser::analyze_sentence(a),
                    concord_parser::analyze_sentence(b),
                )
            })
            .collect();
        let texts: Vec<&str> = claims
            .iter()
            .flat_map(|(a, b)| [a.text.as_str(), b.text.as_str()])
            .collect();
        let vectors = self.vectors(&texts);
        claims
            .par_iter()
            .enumerate()
            .map(|(n, (a, b))| {
                let cosine = vectors
                    .as_ref()
                    .map_or(0.0, |v| concord_encoder::cosine(&v[2 * n], &v[2 * n + 1]));
                let names = Resolver::build(names_of([a, b]));
                let builder = ViewBuilder::new(&self.scorer);
                let va = builder.view(0, a, &names);
                let vb = builder.view(1, b, &names);
                let lexical = self.pair_score(&va, &vb);
                let conflict =
                    relation::conflict(&va, &vb, lexical, &self.config, one_situation, true);
                self.evidence(&va, &vb, lexical, cosine, one_situation, true, conflict)
            })
            .collect()
    }

    /// Judge many text pairs at once ([`Aligner::judge_texts`] for each; with an encoder the
    /// texts are embedded together, several times faster than one pair at a time).
    pub fn judge_text_pairs(&self, pairs: &[(&str, &str)]) -> Vec<Judgement> {
        if self.encoder.is_none() {
            return pairs
                .par_iter()
                .map(|(a, b)| self.judge_texts(a, b))
                .collect();
        }
        self.text_evidence(pairs, true)
            .into_par_iter()
            .map(|evidence| {
                let score = self.judge.score(evidence.lexical, evidence.cosine);
                let (relation, reason) = self.judge.decide(evidence);
                Judgement {
                    score,
                    relation,
                    reason,
                }
            })
            .collect()
    }

    /// Score and label one pair of claims. Symmetric in score and relation:
    /// `judge(a, b)` and `judge(b, a)` agree (the reason's wording names `a`'s side first).
    /// Names are resolved between the two claims only; [`Aligner::align`] resolves them over
    /// the whole set.
    pub fn judge(&self, a: &Claim, b: &Claim) -> Judgement {
        let names = Resolver::build(names_of([a, b]));
        let builder = ViewBuilder::new(&self.scorer);
        let va = builder.view(0, a, &names);
        let vb = builder.view(1, b, &names);
        match self.vectors(&[&a.text, &b.text]) {
            Some(v) => {
                let cosine = concord_encoder::cosine(&v[0], &v[1]);
                let lexical = self.pair_score(&va, &vb);
                let conflict = relation::conflict(&va, &vb, lexical, &self.config, false, true);
                let evidence = self.evidence(&va, &vb, lexical, cosine, false, true, conflict);
                let (relation, reason) = self.judge.decide(evidence);
                Judgement {
                    score: self.judge.score(lexical, cosine),
                    relation,
                    reason,
                }
            }
            None => self.judge_views(&va, &vb, false, true),
        }
    }

    /// Score and label two free-standing texts (the `concord pairs` evaluation path).
    /// Each text becomes one claim covering all of it ([`concord_parser::analyze_sentence`]),
    /// as the score model was trained (`scripts/train_score.py`).
    ///
    /// A pair handed over together is presumed to describe one situation (as in NLI: the
    /// hypothesis is about the premise's scene), so opposite words ("a man" / "a woman",
    /// "sitting" / "running") contradict even without other shared words; in [`Aligner::align`]
    /// and [`Aligner::judge`] the engine must first find that the claims share content
    /// ([`Config::opposite_overlap`]).
    pub fn judge_texts(&self, a: &str, b: &str) -> Judgement {
        if self.encoder.is_some() {
            return self.judge_text_pairs(&[(a, b)]).remove(0);
        }
        let (a, b) = (
            concord_parser::analyze_sentence(a),
            concord_parser::analyze_sentence(b),
        );
        let names = Resolver::build(names_of([&a, &b]));
        let builder = ViewBuilder::new(&self.scorer);
        let va = builder.view(0, &a, &names);
        let vb = builder.view(1, &b, &names);
        self.judge_views(&va, &vb, true, true)
    }

    /// Align every claim of every article against the claims of the other articles.
    pub fn align(&self, articles: &[Article]) -> Alignment {
        let names = Resolver::build(names_of(articles.iter().flat_map(|a| &a.claims)));
        let builder = ViewBuilder::new(&self.scorer);
        let claims: Vec<(usize, &Claim)> = articles
            .iter()
            .enumerate()
            .flat_map(|(i, a)| a.claims.iter().map(move |c| (i, c)))
            .collect();
        // Claims of articles published on different days may report one figure at two
        // moments: the labeller needs each claim's publication day.
        let published: Vec<Option<(u16, u8, u8)>> = articles
            .iter()
            .map(|a| {
                a.meta
                    .published
                    .as_deref()
                    .and_then(relation::publication_day)
            })
            .collect();
        let views: Vec<View> = claims
            .par_iter()
            .map(|&(article, claim)| View {
                published: published[article],
                ..builder.view(article, claim, &names)
            })
            .collect();
        let actors = article_actors(articles.len(), &views);
        let keys = index_keys(&views);
        let postings: Vec<index::Posting> = views
            .iter()
            .zip(&keys)
            .map(|(v, k)| index::Posting {
                article: v.article,
                keys: k,
            })
            .collect();
        let article_of: Vec<usize> = views.iter().map(|v| v.article).collect();
        let story_of = story::stories(articles.len(), &article_of, &keys, &self.config);
        // The encoder's vectors of every claim (each distinct text once), on the default path.
        let texts: Vec<&str> = views.iter().map(|v| v.claim.text.as_str()).collect();
        let vectors = self.vectors(&texts);
        // All lists are sorted and deduplicated: merged, not sorted again.
        let mut pairs = merge_sorted(
            &index::candidates(&postings, &self.config),
            &story::story_candidates(&story_of, &article_of, &keys, &self.config),
        );
        if let Some(vectors) = &vectors {
            let near = neighbours::nearest(
                vectors,
                &article_of,
                &story_of,
                NEIGHBOURS,
                NEIGHBOUR_MIN_COSINE,
            );
            pairs = merge_sorted(&pairs, &near);
        }
        // The scorer's part first, a chunk of pairs at a time (it scores several side by side).
        let mut lexical = vec![0f32; pairs.len()];
        lexical
            .par_chunks_mut(SCORE_CHUNK)
            .zip(pairs.par_chunks(SCORE_CHUNK))
            .for_each(|(out, chunk)| {
                let prepared = chunk
                    .iter()
                    .map(|&(i, j)| (&views[i as usize].prepared, &views[j as usize].prepared));
                self.scorer.score_into(prepared, out);
            });
        let mut matches: Vec<Match> = pairs
            .par_iter()
            .zip(&lexical)
            .filter_map(|(&(i, j), &lexical)| {
                let (va, vb) = (&views[i as usize], &views[j as usize]);
                let same_story = shares_any(&actors[va.article], &actors[vb.article]);
                let score = with_entity_evidence(lexical, va, vb);
                let cosine = vectors
                    .as_ref()
                    .map(|v| concord_encoder::cosine(&v[i as usize], &v[j as usize]));
                // Whether the pair is kept is decided before it is labelled: a contradiction
                // is kept within a story whatever its score, so that is checked for every
                // pair of one story, the rest of the labelling only for kept pairs.
                let (keep, conflict) = if story_of[va.article] == story_of[vb.article] {
                    let by_score = score >= self.config.min_score
                        || (score >= self.config.specific_min_score && shares_specifics(va, vb))
                        || (score >= self.config.story_min_score && shares_content(va, vb));
                    let conflict =
                        relation::conflict(va, vb, score, &self.config, false, same_story);
                    (by_score || conflict.is_some(), conflict)
                } else if score >= self.config.cross_story_score {
                    (
                        true,
                        relation::conflict(va, vb, score, &self.config, false, same_story),
                    )
                } else {
                    (false, None)
                };
                // Within a story, a pair as close as the encoder's neighbours is kept too (the
                // neighbours are searched within stories only: similar wording across two
                // stories is a similar event, not the same one).
                let keep = keep
                    || (story_of[va.article] == story_of[vb.article]
                        && cosine.is_some_and(|c| c >= NEIGHBOUR_MIN_COSINE));
                if !keep {
                    return None;
                }
                let verdict = match cosine {
                    Some(cosine) => {
                        let evidence =
                            self.evidence(va, vb, score, cosine, false, same_story, conflict);
                        let (relation, reason) = self.judge.decide(evidence);
                        Judgement {
                            score: self.judge.score(score, cosine),
                            relation,
                            reason,
                        }
                    }
                    None => self.label_scored(va, vb, score, conflict, false),
                };
                // Two articles of different stories report different events: the same words
                // in both ("his name has not been released") corroborate nothing. The pair is
                // kept, as related.
                let verdict = if verdict.relation == Relation::Agree
                    && story_of[va.article] != story_of[vb.article]
                {
                    Judgement {
                        relation: Relation::Related,
                        ..verdict
                    }
                } else {
                    verdict
                };
                Some(Match {
                    a: ClaimRef {
                        article: va.article,
                        claim: va.claim.index,
                    },
                    b: ClaimRef {
                        article: vb.article,
                        claim: vb.claim.index,
                    },
                    score: verdict.score,
                    relation: verdict.relation,
                    reason: verdict.reason,
                })
            })
            .collect();
        matches.par_sort_unstable_by(|x, y| (x.a, x.b).cmp(&(y.a, y.b)));
        Alignment {
            matches,
            aliases: names.alias_groups(),
            copy_of: dup::copies(articles, self.config.copy_share),
            story_of,
        }
    }

    fn judge_views(&self, a: &View, b: &View, one_situation: bool, same_story: bool) -> Judgement {
        let score = self.pair_score(a, b);
        let conflict = relation::conflict(a, b, score, &self.config, one_situation, same_story);
        self.label_scored(a, b, score, conflict, one_situation)
    }

    /// The score of a pair: the scorer's, raised by entities written differently.
    fn pair_score(&self, a: &View, b: &View) -> f32 {
        with_entity_evidence(self.scorer.score(&a.prepared, &b.prepared), a, b)
    }

    /// The verdict on a scored pair whose conflict (if any) is known.
    fn label_scored(
        &self,
        a: &View,
        b: &View,
        score: f32,
        conflict: Option<Reason>,
        one_situation: bool,
    ) -> Judgement {
        // A sentence pair: whether the two make the same claim is the paraphrase head's call
        // (fitted for that question alone); a conflict still makes it a contradiction.
        if one_situation {
            let relation = match conflict {
                Some(_) => Relation::Contradict,
                None if score >= self.config.paraphrase_min_score
                    && self.scorer.paraphrase(&a.prepared, &b.prepared)
                        >= self.config.paraphrase_agree =>
                {
                    Relation::Agree
                }
                None => Relation::Related,
            };
            return Judgement {
                score,
                relation,
                reason: conflict,
            };
        }
        // A headline's containment takes a second pass of the scorer: only asked for when
        // the labelling gets to the rule that reads it.
        let headline = a.claim.headline || b.claim.headline;
        let containment = || headline.then(|| self.scorer.containment(&a.prepared, &b.prepared));
        let (relation, reason) = relation::label_given_conflict(
            a,
            b,
            score,
            conflict,
            containment,
            &self.config,
            one_situation,
        );
        Judgement {
            score,
            relation,
            reason,
        }
    }
}

/// Entities the lexical score cannot see as shared (written differently: "Moscow" / "Russia",
/// "Sergey" / "Sergei Lavrov") raise the score a little: the same actor is evidence of the same
/// claim. Symmetric, and stays in [0, 1].
fn with_entity_evidence(lexical: f32, a: &View, b: &View) -> f32 {
    let mut differently_written = 0usize;
    for &g in &a.entities {
        if b.entities.binary_search(&g).is_err() {
            continue;
        }
        let (ka, kb) = (keys_of_group(a, g), keys_of_group(b, g));
        if !ka.is_empty()
            && !kb.is_empty()
            && !ka.iter().any(|(_, k)| kb.iter().any(|(_, x)| x == k))
        {
            differently_written += 1;
        }
    }
    let bonus = 0.08 * differently_written.min(2) as f32;
    (lexical + (1.0 - lexical) * bonus).clamp(0.0, 1.0)
}

/// The (group, name key) entries of one group: a run of `named`, which is sorted.
fn keys_of_group<'v>(v: &'v View, group: u32) -> &'v [(u32, String)] {
    let start = v.named.partition_point(|(g, _)| *g < group);
    let end = start + v.named[start..].partition_point(|(g, _)| *g == group);
    &v.named[start..end]
}

/// The main actors of each article: entity groups named in at least two of its claims (or in
/// its only claims, for short items). Sorted.
fn article_actors(articles: usize, views: &[View]) -> Vec<Vec<u32>> {
    let mut counts: Vec<BTreeMap<u32, usize>> = vec![BTreeMap::new(); articles];
    for v in views {
        for &g in &v.actors {
            *counts[v.article].entry(g).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .map(|c| {
            let repeated: Vec<u32> = c.iter().filter(|(_, &n)| n >= 2).map(|(&g, _)| g).collect();
            if repeated.is_empty() {
                c.into_keys().collect()
            } else {
                repeated
            }
        })
        .collect()
}

/// The same figure, date or place of an event in both claims: evidence of one event that word
/// overlap alone does not give.
fn shares_specifics(a: &View, b: &View) -> bool {
    let same_amount = a.amounts.iter().any(|x| {
        b.amounts
            .iter()
            .any(|y| x.unit == y.unit && x.lo == y.lo && x.hi == y.hi)
    });
    let same_place = shares_any(&a.places, &b.places);
    same_amount || same_place || a.times.iter().any(|t| b.times.contains(t))
}

/// The union of two sorted, deduplicated lists, sorted and deduplicated.
fn merge_sorted<T: Ord + Copy>(a: &[T], b: &[T]) -> Vec<T> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => {
                out.push(a[i]);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(b[j]);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

/// A content word or a name in both claims.
fn shares_content(a: &View, b: &View) -> bool {
    shares_any(&a.entities, &b.entities) || shares_any(&a.stems, &b.stems)
}

/// Whether two sorted lists have an element in common: one merge, stopped at the first
/// (a binary search of the other list per element took most of this check's time on the few
/// dozen stems of two claims).
fn shares_any(a: &[u32], b: &[u32]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        if x == y {
            return true;
        }
        i += (x < y) as usize;
        j += (y < x) as usize;
    }
    false
}

/// Every name a set of claims mentions: entities and speakers.
fn names_of<'a>(claims: impl IntoIterator<Item = &'a Claim>) -> Vec<NameSeen<'a>> {
    let mut out = Vec::new();
    for c in claims {
        out.extend(c.entities.iter().map(|e| NameSeen {
            name: &e.name,
            kind: e.kind,
        }));
        if let Some(s) = &c.speaker {
            out.push(NameSeen {
                name: s,
                kind: EntityKind::Person,
            });
        }
    }
    out
}

/// The inverted-index keys of each claim: scorer terms, entity groups, quantities.
fn index_keys(views: &[View]) -> Vec<Vec<u64>> {
    // Quantities are interned by (unit, value) over the set, in sorted order for determinism.
    let mut quantity_ids: BTreeMap<(String, u64), u32> = BTreeMap::new();
    for v in views {
        for q in &v.claim.quantities {
            quantity_ids.insert((q.unit.to_lowercase(), q.value.to_bits()), 0);
        }
    }
    for (n, id) in quantity_ids.values_mut().enumerate() {
        *id = n as u32;
    }
    views
        .iter()
        .map(|v| {
            let mut keys: Vec<u64> = v
                .prepared
                .terms
                .iter()
                .map(|&t| index::TERM | u64::from(t))
                .chain(v.entities.iter().map(|&g| index::ENTITY | u64::from(g)))
                .chain(v.claim.quantities.iter().map(|q| {
                    let id = quantity_ids[&(q.unit.to_lowercase(), q.value.to_bits())];
                    index::QUANTITY | u64::from(id)
                }))
                .collect();
            keys.sort_unstable();
            keys.dedup();
            keys
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use concord_parser::{Entity, Qualifier, Quantity, Span};

    /// A hand-built claim: `text`, then optional features.
    #[derive(Clone, Default)]
    struct C {
        text: &'static str,
        speaker: Option<&'static str>,
        quote: bool,
        hedged: bool,
        negated: bool,
        entities: Vec<(&'static str, EntityKind)>,
        quantities: Vec<(f64, &'static str, Qualifier, &'static str)>,
    }

    fn build(c: &C, index: usize) -> Claim {
        Claim {
            index,
            sentence: index,
            span: Span::default(),
            byte_span: Span::default(),
            text: c.text.into(),
            folded: c.text.into(),
            speaker: c.speaker.map(Into::into),
            quote: c.quote,
            headline: false,
            hedged: c.hedged,
            negated: c.negated,
            condition: None,
            entities: c
                .entities
                .iter()
                .map(|&(name, kind)| {
                    // Where the name is in the text, in characters, as the parser gives it.
                    let start = c.text.find(name).map_or(0, |b| c.text[..b].chars().count());
                    Entity {
                        name: name.into(),
                        kind,
                        span: Span {
                            start,
                            end: start + name.chars().count(),
                        },
                    }
                })
                .collect(),
            quantities: c
                .quantities
                .iter()
                .map(|&(value, unit, qualifier, text)| Quantity {
                    value,
                    upper: None,
                    unit: unit.into(),
                    modifier: None,
                    glued: false,
                    qualifier,
                    text: text.into(),
                    span: Span::default(),
                })
                .collect(),
            times: Vec::new(),
        }
    }

    fn t(text: &'static str) -> C {
        C {
            text,
            ..C::default()
        }
    }

    /// (claim a, claim b, expected relation, expected reason kind)
    fn cases() -> Vec<(C, C, Relation, Option<ReasonKind>)> {
        use EntityKind::*;
        use Qualifier::*;
        vec![
            (
                C {
                    quantities: vec![(70.0, "missile", Exact, "70 missiles")],
                    ..t("Russia launched 70 missiles at Kyiv overnight")
                },
                C {
                    quantities: vec![(40.0, "missile", Exact, "40 missiles")],
                    ..t("Russia launched 40 missiles at Kyiv overnight")
                },
                Relation::Contradict,
                Some(ReasonKind::Numeric),
            ),
            (
                C {
                    quantities: vec![(12.0, "killed", AtLeast, "at least 12")],
                    ..t("The strike on Kyiv killed at least 12 people")
                },
                C {
                    quantities: vec![(15.0, "killed", Exact, "15")],
                    ..t("The strike on Kyiv killed 15 people")
                },
                Relation::Agree,
                None,
            ),
            (
                C {
                    quantities: vec![(12.0, "killed", AtLeast, "at least 12")],
                    ..t("The strike on Kyiv killed at least 12 people and injured over 90")
                },
                C {
                    quantities: vec![(1200.0, "casualty", Over, "over 1,200 casualties per day")],
                    ..t("Russia suffers over 1,200 casualties per day on average")
                },
                Relation::Related,
                None,
            ),
            (
                t("The minister confirmed the talks will take place in Geneva"),
                C {
                    negated: true,
                    ..t("The minister did not confirm the talks will take place in Geneva")
                },
                Relation::Contradict,
                Some(ReasonKind::Negation),
            ),
            (
                C {
                    speaker: Some("Sergey Lavrov"),
                    entities: vec![("Washington", Place)],
                    ..t("He confirmed ongoing negotiations with Washington")
                },
                C {
                    speaker: Some("Sergei Lavrov"),
                    entities: vec![("U.S.", Place)],
                    ..t("The U.S. broke off the negotiations after the war began")
                },
                Relation::Contradict,
                Some(ReasonKind::Antonym),
            ),
            (
                C {
                    speaker: Some("Rutte"),
                    quote: true,
                    ..t("\"The ball is clearly in the Russian court now,\" Rutte said")
                },
                C {
                    speaker: Some("Macron"),
                    quote: true,
                    ..t("\"The ball is clearly in the Russian court now,\" Macron said")
                },
                Relation::Contradict,
                Some(ReasonKind::Attribution),
            ),
            (
                C {
                    entities: vec![("Witkoff", Person), ("Moscow", Place)],
                    ..t("Witkoff will meet Putin in Moscow on Friday")
                },
                C {
                    entities: vec![("Witkoff", Person), ("Moscow", Place)],
                    ..t("Witkoff will meet Putin in Moscow on Monday")
                },
                Relation::Contradict,
                Some(ReasonKind::Time),
            ),
            (
                C {
                    hedged: true,
                    ..t("Russia may have launched the missiles at Kyiv overnight")
                },
                t("Russia launched the missiles at Kyiv overnight"),
                Relation::Contradict,
                Some(ReasonKind::Modality),
            ),
            // A speaker described ("the Connecticut Democrat") may be the one named in the
            // other claim: no attribution conflict.
            (
                C {
                    speaker: Some("Lieberman"),
                    quote: true,
                    ..t("\"The administration threatens to give a bad name to a just war,\" Lieberman said")
                },
                C {
                    speaker: Some("Connecticut Democrat"),
                    quote: true,
                    ..t("\"The administration threatens to give a bad name to a just war,\" the Connecticut Democrat said")
                },
                Relation::Agree,
                None,
            ),
            // Naming the same two actors is no evidence of the same fact: the claims must
            // share a word besides the names (ECB+ dev audit, shared-actors rule).
            (
                C {
                    entities: vec![("Colts", Organization), ("Chiefs", Organization)],
                    ..t("The Colts could clinch a playoff berth with a win over the Chiefs")
                },
                C {
                    entities: vec![("Chiefs", Organization), ("Colts", Organization)],
                    ..t("Because drives could not be sustained, the Chiefs began to gash the Colts in the running game")
                },
                Relation::Related,
                None,
            ),
            // ... and one shared word is not enough either: a story's claims share its
            // common words too ("game").
            (
                C {
                    entities: vec![("Colts", Organization), ("Chiefs", Organization)],
                    ..t("The Colts could clinch a playoff berth with a win over the Chiefs in the game")
                },
                C {
                    entities: vec![("Chiefs", Organization), ("Colts", Organization)],
                    ..t("Because drives could not be sustained, the Chiefs began to gash the Colts in the running game")
                },
                Relation::Related,
                None,
            ),
            // A city and its country are not two places; two cities are.
            (
                C {
                    entities: vec![("Arab League", Organization), ("Baghdad", Place)],
                    ..t("The summit of the Arab League was held in Baghdad on Monday")
                },
                C {
                    entities: vec![("Arab League", Organization), ("Iraq", Place)],
                    ..t("The summit of the Arab League was held in Iraq on Monday")
                },
                Relation::Agree,
                None,
            ),
            (
                C {
                    entities: vec![("Arab League", Organization), ("Baghdad", Place)],
                    ..t("The summit of the Arab League was held in Baghdad on Monday")
                },
                C {
                    entities: vec![("Arab League", Organization), ("Cairo", Place)],
                    ..t("The summit of the Arab League was held in Cairo on Monday")
                },
                Relation::Contradict,
                Some(ReasonKind::Place),
            ),
            // Same polarity, however the denial is typed.
            (
                t("The minister said he didnt know about the payments"),
                t("The minister said he did not know about the payments"),
                Relation::Agree,
                None,
            ),
            (
                t("The city fined the airline for failing to report the delays"),
                t("The city fined the airline for not reporting the delays"),
                Relation::Agree,
                None,
            ),
            // Negation words that deny nothing: an idiom, an open alternative.
            (
                t("Residents of the town had nothing but praise for the soldier"),
                t("Residents of the town had effusive praise for the soldier"),
                Relation::Agree,
                None,
            ),
            (
                t("Whether or not the union backs him, Gephardt will win the vote"),
                t("Gephardt will win the vote, the union backs him"),
                Relation::Agree,
                None,
            ),
            (
                t("Residents of the town had no praise for the soldier"),
                t("Residents of the town had effusive praise for the soldier"),
                Relation::Contradict,
                Some(ReasonKind::Negation),
            ),
            // One speaker quoted by two sources on two different points (the same-speaker
            // agreement rule, dropped after an audit, made such pairs agree).
            (
                C {
                    speaker: Some("Owen"),
                    quote: true,
                    ..t("\"There was no lightning strike at the hotel,\" Owen said.")
                },
                C {
                    speaker: Some("Owen"),
                    ..t("Finding the ignition source at the hotel is key, Owen said.")
                },
                Relation::Related,
                None,
            ),
            (
                t("Prices of oil rose sharply in Asian trading on Monday"),
                t("A storm closed the harbour for two days"),
                Relation::Related,
                None,
            ),
        ]
    }

    #[test]
    fn relations() {
        let aligner = Aligner::default();
        for (a, b, relation, kind) in cases() {
            let (ca, cb) = (build(&a, 0), build(&b, 1));
            let j = aligner.judge(&ca, &cb);
            assert_eq!(
                (j.relation, j.reason.as_ref().map(|r| r.kind)),
                (relation, kind),
                "{:?} / {:?}: {j:?}",
                a.text,
                b.text
            );
            let back = aligner.judge(&cb, &ca);
            assert_eq!((back.relation, back.score), (j.relation, j.score));
        }
    }

    #[test]
    fn merge_sorted_is_the_sorted_union() {
        let cases: [(&[u32], &[u32], &[u32]); 4] = [
            (&[], &[], &[]),
            (&[1, 3, 5], &[], &[1, 3, 5]),
            (&[1, 3, 5], &[2, 3, 6, 7], &[1, 2, 3, 5, 6, 7]),
            (&[4], &[1, 2, 4], &[1, 2, 4]),
        ];
        for (a, b, union) in cases {
            assert_eq!(merge_sorted(a, b), union);
            assert_eq!(merge_sorted(b, a), union);
        }
    }

    #[test]
    fn shares_any_finds_a_common_element_of_sorted_lists() {
        let cases: [(&[u32], &[u32], bool); 7] = [
            (&[], &[], false),
            (&[1, 3, 5], &[], false),
            (&[1, 3, 5], &[2, 4, 6], false),
            (&[1, 3, 5], &[5], true),
            (&[7], &[1, 2, 7, 9], true),
            (&[1, 2, 3], &[0, 4], false),
            (&[2, 10, 11], &[3, 9, 11], true),
        ];
        for (a, b, expected) in cases {
            assert_eq!(shares_any(a, b), expected, "{a:?} {b:?}");
            assert_eq!(shares_any(b, a), expected, "{b:?} {a:?}");
        }
    }

    #[test]
    fn aligner_is_shared_across_threads() {
        fn sync_and_send<T: Sync + Send>() {}
        sync_and_send::<Aligner>();
    }

    #[test]
    fn align_skips_same_article_and_sorts() {
        let claims = [
            t("Russia launched 70 missiles and 145 drones at Kyiv"),
            t("Russia launched 70 missiles and 145 drones at Kyiv overnight"),
            t("Kyiv was hit by 70 missiles and 145 drones launched by Russia"),
        ];
        let article = |id: &str, cs: &[&C]| Article {
            meta: concord_parser::ArticleMeta {
                id: id.into(),
                ..Default::default()
            },
            text: String::new(),
            sentences: Vec::new(),
            claims: cs.iter().enumerate().map(|(i, c)| build(c, i)).collect(),
        };
        let set = vec![
            article("x", &[&claims[0], &claims[1]]),
            article("y", &[&claims[2]]),
        ];
        let alignment = Aligner::default().align(&set);
        assert!(alignment.matches.iter().all(|m| m.a.article != m.b.article));
        assert!(alignment
            .matches
            .windows(2)
            .all(|w| (w[0].a, w[0].b) < (w[1].a, w[1].b)));
        assert_eq!(alignment.matches.len(), 2, "{:?}", alignment.matches);
        assert_eq!(alignment.copy_of, vec![None, None]);
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    const WORDS: &[&str] = &[
        "Russia",
        "Ukraine",
        "Lavrov",
        "Sergei",
        "Sergey",
        "talks",
        "ongoing",
        "broke",
        "off",
        "not",
        "never",
        "may",
        "killed",
        "12",
        "40",
        "missiles",
        "at",
        "least",
        "over",
        "Friday",
        "Monday",
        "Moscow",
        "Kremlin",
        "Washington",
        "the",
        "U.S.",
        "said",
        "rose",
        "fell",
        "prices",
        "strike",
        "Kyiv",
        "ready",
        "negotiate",
        "\"",
        ",",
        ".",
    ];

    fn sentence() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(WORDS), 1..14).prop_map(|w| w.join(" "))
    }

    fn article_texts() -> impl Strategy<Value = Vec<String>> {
        prop::collection::vec(
            prop::collection::vec(sentence(), 1..5).prop_map(|s| s.join(". ") + "."),
            0..6,
        )
    }

    fn articles(texts: &[String]) -> Vec<Article> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                concord_parser::analyze(concord_parser::RawArticle {
                    meta: concord_parser::ArticleMeta {
                        id: format!("a{i}"),
                        ..Default::default()
                    },
                    text: t.clone(),
                })
            })
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn judge_is_symmetric_and_bounded(a in sentence(), b in sentence()) {
            let aligner = Aligner::default();
            let x = aligner.judge_texts(&a, &b);
            let y = aligner.judge_texts(&b, &a);
            prop_assert!((0.0..=1.0).contains(&x.score), "{}", x.score);
            prop_assert_eq!(x.score, y.score);
            prop_assert_eq!(x.relation, y.relation);
            prop_assert_eq!(x.reason.map(|r| r.kind), y.reason.map(|r| r.kind));
        }

        #[test]
        fn align_is_sorted_and_thread_count_independent(texts in article_texts()) {
            let set = articles(&texts);
            let aligner = Aligner::new(Config { max_candidates: 3, ..Config::default() });
            let run = |threads: usize| {
                rayon::ThreadPoolBuilder::new()
                    .num_threads(threads)
                    .build()
                    .expect("thread pool")
                    .install(|| aligner.align(&set))
            };
            let one = run(1);
            prop_assert_eq!(&one, &run(3));
            prop_assert!(one.matches.windows(2).all(|w| (w[0].a, w[0].b) < (w[1].a, w[1].b)));
            for m in &one.matches {
                prop_assert!(m.a.article < m.b.article);
                prop_assert!((0.0..=1.0).contains(&m.score));
            }
            prop_assert_eq!(one.copy_of.len(), set.len());
            // One story per article, numbered in the order of each story's first article.
            prop_assert_eq!(one.story_of.len(), set.len());
            let mut next = 0;
            for &s in &one.story_of {
                prop_assert!(s <= next);
                if s == next {
                    next += 1;
                }
            }
        }
    }
}
