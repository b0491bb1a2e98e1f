//! Place conflicts: the same event placed in two places, where neither place lies inside the
//! other and both are places WordNet knows (an unknown name may lie inside the other place).
use super::shared_count;
use crate::types::{Reason, ReasonKind};
use crate::view::View;

/// Two claims of one event placed in different places: each names places (after "in", "at",
/// ...) that the other does not name, neither inside the other, all known to WordNet.
pub(super) fn places_differ(a: &View, b: &View) -> Option<Reason> {
    if !a.places.is_empty()
        && !b.places.is_empty()
        && shared_count(&a.places, &b.entities) == 0
        && shared_count(&b.places, &a.entities) == 0
        && !places_nest(a, b)
        && places_known(a, b)
        && !names_place_of(a, b)
        && !names_place_of(b, a)
    {
        return Some(Reason {
            kind: ReasonKind::Place,
            detail: format!("{} vs {}", place_names(a), place_names(b)),
        });
    }
    None
}

fn locative_names<'v>(v: &'v View) -> Vec<&'v str> {
    v.claim
        .entities
        .iter()
        .filter(|e| crate::view::after_locative(v.claim, e))
        .map(|e| e.name.as_str())
        .collect()
}

fn place_names(v: &View) -> String {
    locative_names(v).join(", ")
}

/// One place inside the other, as written ("Nashville, Tennessee" and "Tennessee") or as
/// WordNet knows it ("Baghdad" and "Iraq").
fn places_nest(a: &View, b: &View) -> bool {
    let words = |n: &str| -> Vec<String> {
        n.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (na, nb) = (locative_names(a), locative_names(b));
    na.iter().any(|x| {
        nb.iter().any(|y| {
            let (wx, wy) = (words(x), words(y));
            wx.iter().all(|w| wy.contains(w))
                || wy.iter().all(|w| wx.contains(w))
                || crate::places::nest(x, y)
        })
    })
}

/// Whether claim `u` names a place of claim `v` anywhere, if only inside another name: "Cheeks
/// also coached at Portland" / "... head coach of the Portland Trail Blazers".
fn names_place_of(v: &View, u: &View) -> bool {
    let text = u.claim.text.to_lowercase();
    locative_names(v).iter().any(|n| {
        let n = n.to_lowercase();
        text.match_indices(&n).any(|(at, _)| {
            let before = text[..at].chars().next_back();
            let after = text[at + n.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    })
}

/// Whether the places of both claims are places WordNet knows: an unknown name ("Banstead High
/// Street", "SAP Arena") may lie inside the other place, so it cannot be shown to differ.
fn places_known(a: &View, b: &View) -> bool {
    let known = |v: &View| {
        let names = locative_names(v);
        !names.is_empty() && names.iter().all(|n| crate::places::known(n))
    };
    known(a) && known(b)
}
