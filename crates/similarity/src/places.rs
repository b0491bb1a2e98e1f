//! Which place lies inside which, from WordNet's part holonyms: "in Baghdad" and "in Iraq" may
//! well be the same scene, "in Baghdad" and "in Cairo" are not. The table is derived by
//! `scripts/derive_wordnet.py` into `data/lexicon/places.tsv` (name, its place ids, the ids of
//! the places around it).
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

const PLACES: &str = include_str!("../../../data/lexicon/places.tsv");

/// A named place: the places the name stands for and the places around them, ids sorted.
struct Place {
    own: Box<[u32]>,
    around: Box<[u32]>,
}

fn table() -> &'static FxHashMap<&'static str, Place> {
    static TABLE: OnceLock<FxHashMap<&'static str, Place>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let ids = |field: &str| -> Box<[u32]> {
            let mut v: Vec<u32> = field.split(',').filter_map(|n| n.parse().ok()).collect();
            v.sort_unstable();
            v.into()
        };
        PLACES
            .lines()
            .filter_map(|line| {
                let mut fields = line.split('\t');
                let name = fields.next()?;
                let own = ids(fields.next()?);
                let around = ids(fields.next().unwrap_or(""));
                Some((name, Place { own, around }))
            })
            .collect()
    })
}

fn lookup(name: &str) -> Option<&'static Place> {
    let name = name.trim();
    let name = name.strip_prefix("the ").unwrap_or(name);
    table().get(name)
}

/// Whether WordNet knows the name as a place: only then can it be shown to differ from
/// another ("Banstead High Street", "SAP Arena" and "AFC" may lie anywhere, or nowhere).
pub(crate) fn known(name: &str) -> bool {
    lookup(name).is_some()
}

/// Whether one of the two named places contains the other (or both name the same place), as
/// far as WordNet knows; `false` for names it does not know.
pub(crate) fn nest(a: &str, b: &str) -> bool {
    let (Some(pa), Some(pb)) = (lookup(a), lookup(b)) else {
        return false;
    };
    let meets = |x: &[u32], y: &[u32]| x.iter().any(|i| y.binary_search(i).is_ok());
    meets(&pa.own, &pb.own) || meets(&pa.own, &pb.around) || meets(&pb.own, &pa.around)
}

#[cfg(test)]
mod tests {
    use super::nest;

    #[test]
    fn nesting_table() {
        let table = [
            ("Baghdad", "Iraq", true),
            ("Iraq", "Baghdad", true),
            ("Kiev", "Ukraine", true),
            ("Nashville", "United States", true),
            ("Baghdad", "Bagdad", true),
            ("the United States", "Texas", true),
            ("Baghdad", "Cairo", false),
            ("Iraq", "Egypt", false),
            ("Moscow", "Ukraine", false),
            ("Atlantis", "Iraq", false),
        ];
        for (a, b, want) in table {
            assert_eq!(nest(a, b), want, "{a} / {b}");
        }
    }

    #[test]
    fn known_table() {
        let table = [
            ("Baghdad", true),
            ("the United States", true),
            ("Surrey", true),
            ("Banstead High Street", false),
            ("SAP Arena", false),
            ("AFC", false),
        ];
        for (name, want) in table {
            assert_eq!(super::known(name), want, "{name}");
        }
    }
}
