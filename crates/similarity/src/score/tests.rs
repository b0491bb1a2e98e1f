use proptest::prelude::*;

use super::*;

fn claim(text: &str) -> Claim {
    let article = concord_parser::analyze(concord_parser::RawArticle {
        meta: Default::default(),
        text: text.to_string(),
    });
    let mut c = article
        .claims
        .into_iter()
        .next()
        .expect("the test sentence yields a claim");
    c.text = text.to_string();
    c.folded = text.to_string();
    c
}

#[test]
fn paraphrases_outscore_topic_neighbours() {
    let s = Scorer::new();
    // (anchor, closer, farther): the first pair must score higher than the second.
    let table = [
        (
            "Lavrov said Russia is ready to negotiate with the United States.",
            "Russia is prepared to hold talks with the United States, Lavrov said.",
            "Lavrov said Russia launched 70 missiles at Ukrainian cities.",
        ),
        (
            "The company said its profit rose 12 percent in the third quarter.",
            "Third-quarter profit increased 12 percent, the company said.",
            "The company said it would cut 1,200 jobs next year.",
        ),
        (
            "A man is playing a guitar.",
            "A person plays the guitar.",
            "A man is cutting an onion.",
        ),
    ];
    for (anchor, closer, farther) in table {
        let (p, q, r) = (
            s.prepare(&claim(anchor)),
            s.prepare(&claim(closer)),
            s.prepare(&claim(farther)),
        );
        assert!(
            s.score(&p, &q) > s.score(&p, &r),
            "{anchor:?}: {} vs {}",
            s.score(&p, &q),
            s.score(&p, &r)
        );
    }
}

#[test]
fn synonyms_count_in_coverage() {
    let s = Scorer::new();
    let a = s.prepare(&claim("Moscow is ready for negotiations."));
    let b = s.prepare(&claim("Moscow is willing to hold talks."));
    let c = s.prepare(&claim("Moscow is famous for museums."));
    let cov_min = 1;
    assert!(s.features(&a, &b)[cov_min] > s.features(&a, &c)[cov_min]);
}

#[test]
fn containment_sees_a_claim_inside_a_longer_one() {
    let s = Scorer::new();
    let short = s.prepare(&claim("Putin is ready to negotiate with Trump."));
    let long = s.prepare(&claim(
        "Lavrov said on Thursday that Putin is prepared to negotiate with Trump, but only after \
         Washington makes the first move on sanctions.",
    ));
    let other = s.prepare(&claim(
        "Ukraine reported 70 missiles fired at Kyiv overnight.",
    ));
    assert!(
        s.containment(&short, &long) > 0.8,
        "{}",
        s.containment(&short, &long)
    );
    assert!(s.containment(&short, &long) > s.score(&short, &long));
    assert!(s.containment(&short, &other) < 0.3);
    assert_eq!(s.containment(&short, &long), s.containment(&long, &short));
}

#[test]
fn terms_are_sorted_and_shared_by_stems() {
    let s = Scorer::new();
    let a = s.prepare(&claim("Russia negotiates."));
    let b = s.prepare(&claim("The negotiations with Russia."));
    assert!(a.terms.windows(2).all(|w| w[0] < w[1]));
    assert!(a.terms.contains(&s.term_of("negotiations")));
    assert!(b.terms.contains(&s.term_of("negotiate")));
    assert!(a.terms.contains(&s.term_of("Russia")));
}

#[test]
fn antonym_term_ids() {
    let s = Scorer::new();
    let table = [
        ("increase", "decrease", true),
        ("rose", "fell", true), // irregular forms reach their lemmas first
        ("rise", "fall", true),
        ("rise", "talks", false),
    ];
    for (a, b, want) in table {
        assert_eq!(s.are_antonyms(s.term_of(a), s.term_of(b)), want, "{a}/{b}");
        assert_eq!(s.are_antonyms(s.term_of(b), s.term_of(a)), want, "{b}/{a}");
    }
    let p = s.prepare(&claim("Prices rose sharply."));
    let q = s.prepare(&claim("Prices fell sharply."));
    let antonym = FEATURE_NAMES.iter().position(|n| *n == "antonym").unwrap();
    assert_eq!(s.features(&p, &q)[antonym], 1.0);
}

#[test]
fn numbers_with_separators() {
    let mut v = Vec::new();
    digit_numbers("over 1,200 casualties, 3.5 km, 70 missiles on 12.", &mut v);
    assert_eq!(v, vec![1200.0, 3.5, 70.0, 12.0]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn score_is_symmetric_and_bounded(
        a in "[A-Za-z0-9 ,.]{0,80}",
        b in "[A-Za-z0-9 ,.]{0,80}",
    ) {
        let s = scorer();
        let pa = s.prepare(&plain_claim(&a));
        let pb = s.prepare(&plain_claim(&b));
        let ab = s.score(&pa, &pb);
        let ba = s.score(&pb, &pa);
        prop_assert!((0.0..=1.0).contains(&ab));
        // Exactly: a tree split would turn the last bit of a difference into a different leaf.
        prop_assert_eq!(ab, ba);
        prop_assert_eq!(s.features(&pa, &pb), s.features(&pb, &pa));
        prop_assert_eq!(s.containment(&pa, &pb).to_bits(), s.features(&pa, &pb)[2].to_bits());
        prop_assert!(pa.terms.windows(2).all(|w| w[0] < w[1]));
    }
}

fn scorer() -> &'static Scorer {
    static SCORER: std::sync::OnceLock<Scorer> = std::sync::OnceLock::new();
    SCORER.get_or_init(Scorer::new)
}

/// A claim straight from text, without the parser (random text need not be a sentence).
fn plain_claim(text: &str) -> Claim {
    Claim {
        text: text.to_string(),
        folded: text.to_string(),
        ..Claim::default()
    }
}

/// The longest common subsequence by the textbook table, to check the bit-parallel one.
fn lcs_by_table(a: &[u32], b: &[u32]) -> usize {
    let mut table = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in 0..a.len() {
        for j in 0..b.len() {
            table[i + 1][j + 1] = if a[i] == b[j] {
                table[i][j] + 1
            } else {
                table[i][j + 1].max(table[i + 1][j])
            };
        }
    }
    table[a.len()][b.len()]
}

proptest! {
    #[test]
    fn lcs_is_the_textbook_lcs(
        a in proptest::collection::vec(0u32..6, 0..=MAX_SEQUENCE),
        b in proptest::collection::vec(0u32..6, 0..80),
    ) {
        prop_assert_eq!(lcs_len(&a, &b), lcs_by_table(&a, &b));
        let b = &b[..b.len().min(MAX_SEQUENCE)];
        prop_assert_eq!(lcs_len(&a, b), lcs_len(b, &a));
    }
}

#[test]
fn trees_split_like_scikit_learn() {
    use tree::{log_odds, Tree};
    const INF: f32 = f32::INFINITY;
    // Split 0 on feature 1 at 0.5; its right child is a leaf placed high, pushed down by splits
    // that always go left.
    let trees = [Tree::new(
        [1, 0, 0, 2, 2, 0, 0],
        [0.5, 0.25, INF, 0.0, 0.1, INF, INF],
        [1.0, 2.0, 3.0, 4.0, 5.0, 5.0, 5.0, 5.0],
    )];
    // (features, expected leaf): `<=` goes left, as in scikit-learn.
    let table: [([f32; 3], f32); 6] = [
        ([0.0, 0.5, 0.0], 1.0),
        ([0.0, 0.5, 0.05], 2.0),
        ([0.3, 0.2, 0.1], 3.0),
        ([0.3, 0.2, 0.2], 4.0),
        ([0.0, 0.6, 0.0], 5.0),
        ([9.0, 0.9, 9.0], 5.0),
    ];
    for (features, leaf) in table {
        assert_eq!(log_odds(0.5, &trees, &features), 0.5 + leaf, "{features:?}");
    }
}

proptest! {
    #[test]
    fn common_ids_counts_like_a_merge(
        a in proptest::collection::btree_set(0u32..200, 0..40),
        b in proptest::collection::btree_set(0u32..200, 0..40),
    ) {
        let (a, b): (Vec<u32>, Vec<u32>) = (a.into_iter().collect(), b.into_iter().collect());
        prop_assert_eq!(common_ids(&a, &b), common(&a, &b));
        prop_assert_eq!(common_ids(&b, &a), common(&a, &b));
    }
}

proptest! {
    /// The trees evaluated side by side give every pair bit for bit its own log-odds, in the
    /// dispatched build (AVX2 where the CPU has it) and the portable one. Features are drawn
    /// partly from the model's own thresholds, where `>` and `<=` part.
    #[test]
    fn lanes_give_each_pair_its_log_odds(
        picks in proptest::collection::vec(
            (0usize..model::TREES.len(), 0usize..7, -1.0f32..5.0, 0u8..3),
            tree::LANES * N_FEATURES,
        ),
    ) {
        let mut lanes: tree::Lanes = [[0.0; tree::LANES]; tree::PADDED];
        let mut rows = [[0f32; N_FEATURES]; tree::LANES];
        for (n, &(t, k, free, how)) in picks.iter().enumerate() {
            let (p, f) = (n / N_FEATURES, n % N_FEATURES);
            let threshold = model::TREES[t].thresholds[k];
            let v = match how {
                0 if threshold.is_finite() => threshold,
                1 if threshold.is_finite() => threshold + 1e-6,
                _ => free,
            };
            lanes[f][p] = v;
            rows[p][f] = v;
        }
        let dispatched = tree::log_odds_lanes(model::BIAS, &model::TREES, &lanes);
        let portable = tree::log_odds_lanes_with(model::BIAS, &model::TREES, &lanes);
        for p in 0..tree::LANES {
            let one = tree::log_odds(model::BIAS, &model::TREES, &rows[p]);
            prop_assert_eq!(dispatched[p].to_bits(), one.to_bits());
            prop_assert_eq!(portable[p].to_bits(), one.to_bits());
        }
    }
}

/// Five claims on one story: restatements, a near neighbour and two others.
fn five_claims(s: &Scorer) -> Vec<Prepared> {
    [
        "Lavrov said Russia is ready to negotiate with the United States.",
        "Russia is prepared to hold talks with the United States, Lavrov said.",
        "Putin is ready to negotiate with Trump.",
        "Moscow launched 70 missiles at Ukrainian cities overnight, officials said.",
        "The talks were not productive, according to a Kremlin spokesman.",
    ]
    .iter()
    .map(|t| s.prepare(&claim(t)))
    .collect()
}

#[test]
fn score_into_is_score_pair_by_pair() {
    let s = Scorer::new();
    let prepared = five_claims(&s);
    // 25 pairs: three full groups of lanes and a part-filled one.
    let pairs: Vec<(&Prepared, &Prepared)> = prepared
        .iter()
        .flat_map(|a| prepared.iter().map(move |b| (a, b)))
        .collect();
    let mut scores = vec![f32::NAN; pairs.len()];
    s.score_into(pairs.iter().copied(), &mut scores);
    for (&(a, b), got) in pairs.iter().zip(scores) {
        assert_eq!(got.to_bits(), s.score(a, b).to_bits());
    }
}

#[test]
fn containment_is_the_coverage_feature() {
    let s = Scorer::new();
    let prepared = five_claims(&s);
    for a in &prepared {
        for b in &prepared {
            assert_eq!(s.containment(a, b).to_bits(), s.features(a, b)[2].to_bits());
        }
    }
}

/// The same claim without its look-up tables: `features` then merges, as it does for claims
/// too long for a table.
fn without_tables(p: &Prepared) -> Prepared {
    Prepared {
        tables: None,
        bigram_table: None,
        trigram_table: None,
        name_table: None,
        ..p.clone()
    }
}

const WORDS: &[&str] = &[
    "Russia",
    "Moscow",
    "Lavrov",
    "is",
    "was",
    "ready",
    "prepared",
    "willing",
    "to",
    "negotiate",
    "negotiations",
    "talks",
    "hold",
    "with",
    "the",
    "United",
    "States",
    "said",
    "not",
    "may",
    "70",
    "missiles",
    "launched",
    "at",
    "Kyiv",
    "overnight",
    "rose",
    "increased",
    "fell",
    "prices",
    "sharply",
    "company",
    "firm",
    "profit",
    "12",
    "percent",
    "a",
    "man",
    "person",
    "plays",
    "playing",
    "guitar",
    "cut",
    "onion",
];

fn sentence() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(WORDS), 1..30).prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Look-ups in the first claim's tables (and the soft alignment over bit masks, when both
    /// claims have tables), in the baseline and the AVX2 build, give the features bit for bit
    /// what merges and word-by-word loops give.
    #[test]
    fn tables_give_the_features_of_merges(a in sentence(), b in sentence()) {
        let s = Scorer::new();
        let claim = |t: &str| Claim { text: t.into(), folded: t.into(), ..Claim::default() };
        let (pa, pb) = (s.prepare(&claim(&a)), s.prepare(&claim(&b)));
        prop_assert!(pa.tables.is_some() && pa.bigram_table.is_some());
        let merged = s.features(&without_tables(&pa), &without_tables(&pb));
        for (x, y) in [(&pa, &pb), (&pa, &without_tables(&pb)), (&without_tables(&pa), &pb)] {
            for lookups in [Lookups::Probe, Lookups::Merge] {
                let found = s.features_with::<false>(x, y, lookups);
                prop_assert_eq!(found.map(f32::to_bits), merged.map(f32::to_bits));
            }
            #[cfg(target_arch = "x86_64")]
            if std::arch::is_x86_feature_detected!("avx2") {
                // SAFETY: the CPU has AVX2, checked just above.
                let found = unsafe { s.features_probe_avx2(x, y) };
                prop_assert_eq!(found.map(f32::to_bits), merged.map(f32::to_bits));
            }
        }
    }
}

#[test]
fn claims_beyond_sixty_four_words_have_no_word_tables() {
    let s = Scorer::new();
    let long: String = (0..70).map(|i| format!("word{i} ")).collect();
    let claim = |t: &str| Claim {
        text: t.into(),
        folded: t.into(),
        ..Claim::default()
    };
    let (pl, ps) = (
        s.prepare(&claim(&long)),
        s.prepare(&claim("word3 word4 word5 said")),
    );
    assert!(pl.tables.is_none() && ps.tables.is_some());
    assert_eq!(s.score(&pl, &ps).to_bits(), s.score(&ps, &pl).to_bits());
    assert!(s.score(&pl, &ps) > 0.0);
}

proptest! {
    #[test]
    fn vector_blocks_give_word_dots(
        words in proptest::collection::vec(proptest::collection::vec(-128i16..128, WORD_DIMS), 1..20),
        v in proptest::collection::vec(-128i16..128, WORD_DIMS),
    ) {
        let vectors: Vec<[i16; WORD_DIMS]> =
            words.iter().map(|w| w.as_slice().try_into().expect("WORD_DIMS long")).collect();
        let v: [i16; WORD_DIMS] = v.as_slice().try_into().expect("WORD_DIMS long");
        let blocks = VectorBlock::of(&vectors);
        prop_assert_eq!(blocks.len(), vectors.len().div_ceil(BLOCK_WORDS));
        for (j, u) in vectors.iter().enumerate() {
            prop_assert_eq!(blocks[j / BLOCK_WORDS].dots(&v)[j % BLOCK_WORDS], word_dot(&v, u));
        }
        for j in vectors.len()..blocks.len() * BLOCK_WORDS {
            prop_assert_eq!(blocks[j / BLOCK_WORDS].dots(&v)[j % BLOCK_WORDS], 0);
        }
    }
}

#[test]
fn with_lowercase_is_lowercase_into() {
    let long = "A".repeat(70);
    for word in ["Lavrov", "U.S.", "ÉCOLE", "ΟΔΟΣ", "", long.as_str()] {
        let mut expected = String::new();
        lowercase_into(word, &mut expected);
        assert_eq!(with_lowercase(word, str::to_string), expected, "{word:?}");
    }
}

/// Words for the sentences of `prepare_reuses_no_state`: names, numbers, content and function
/// words, so that each working list of `PrepareScratch` gets entries.
const SCRATCH_WORDS: &[&str] = &[
    "Lavrov",
    "said",
    "Russia",
    "is",
    "ready",
    "to",
    "negotiate",
    "with",
    "the",
    "United",
    "States",
    "not",
    "12",
    "percent",
    "about",
    "40",
    "people",
    "were",
    "killed",
    "Monday",
    "Moscow",
    "talks",
    "prepared",
    "profit",
    "rose",
    "$1.2",
    "billion",
    "café",
    "naïve",
];

fn sentence_of(words: &[usize]) -> String {
    let mut s: Vec<&str> = words.iter().map(|&i| SCRATCH_WORDS[i]).collect();
    s.insert(0, "Officials");
    format!("{}.", s.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    /// `prepare` reuses its working lists from claim to claim: a claim prepared after others
    /// on one thread is the claim prepared first on a fresh thread.
    #[test]
    fn prepare_reuses_no_state(
        sentences in proptest::collection::vec(
            proptest::collection::vec(0..SCRATCH_WORDS.len(), 1..30),
            1..5,
        ),
    ) {
        let s = Scorer::new();
        let claims: Vec<Claim> = sentences.iter().map(|w| claim(&sentence_of(w))).collect();
        let after_others: Vec<String> =
            claims.iter().map(|c| format!("{:?}", s.prepare(c))).collect();
        for (c, seen) in claims.iter().zip(&after_others) {
            let fresh = std::thread::scope(|scope| {
                scope.spawn(|| format!("{:?}", s.prepare(c))).join().expect("no panic")
            });
            prop_assert_eq!(&fresh, seen);
        }
    }
}
