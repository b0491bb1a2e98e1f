//! A claim's ids (stems, concepts, n-grams, names) as tables that the other claim of a pair
//! looks its own ids up in, one probe each.
//!
//! `Scorer::features` compares a claim with each of its candidates in turn, forty-odd pairs in
//! a row (the aligner's pairs come sorted by their first claim). Sorted merges of two id lists
//! wait on each load and comparison in turn and branch unpredictably on every step; a probe
//! into the first claim's table (hot in cache for all its pairs) is one multiplication, one load
//! and one comparison, independent of the other probes, with no branch.

/// Ids with a small value each, in slots no two of them share: a multiplier is searched for
/// when the table is built, so that a look-up needs a single probe.
///
/// A slot is 32 bits, not the 64 of an id beside its value: every prepared claim of a set keeps
/// its tables until the set is aligned, and they were the largest part of a large set's peak
/// memory. The multiplier is odd, so `id * multiplier` (mod 2^32) gives the id back; its top
/// `log2` bits are the slot, so the low `32 - log2` bits, kept in the slot's high bits, say
/// which id the slot holds, and the slot's low `log2` bits hold the value + 1.
#[derive(Clone, Debug)]
pub(super) struct IdTable {
    /// The product's low bits above, the value + 1 below `mask`; 0 is an empty slot.
    slots: Box<[u32]>,
    multiplier: u32,
    /// 32 minus the log2 of the slot count...
    shift: u32,
    /// ... the log2 itself...
    log2: u32,
    /// ... and the slot count minus one: the bits of the value + 1.
    mask: u32,
}

/// Multipliers tried for a table size before it is doubled (odd, well mixed).
const TRIES: u32 = 24;

/// Multipliers tried at half the usual size for a large set of ids.
const NARROW_TRIES: u32 = 96;

/// Tables beyond this many slots are not built (the caller falls back on a merge).
const MAX_SLOTS_LOG2: u32 = 14;

impl IdTable {
    /// A table of `entries` (distinct ids, each with a value); `None` if no collision-free
    /// layout was found within `MAX_SLOTS_LOG2` (never for the few dozen ids of a claim), or
    /// a value + 1 does not fit in that many bits (values are indices into a claim's words).
    pub(super) fn new(entries: &[(u32, u16)]) -> Option<IdTable> {
        // About four slots per id to begin with, and at least n²/4 for larger sets (a claim's
        // concepts): a random multiplier is collision-free with probability about
        // exp(-n²/2m) for n ids in m slots, so below n²/4 nearly all of the tries failed and
        // the table was doubled anyway, after most of a claim's preparation time.
        let n = entries.len();
        // The value + 1 must fit below the product's bits.
        let value_bits =
            32 - (entries.iter().map(|e| e.1).max().unwrap_or(0) as u32 + 1).leading_zeros();
        let log2_of = |slots: usize| slots.next_power_of_two().trailing_zeros().max(1);
        let wide = log2_of((n * 4).max(n * n / 4)).max(value_bits);
        // Every prepared claim keeps its tables until its set is aligned, and a claim's concepts
        // table was the largest part of that: a large set is first tried at half the size, with
        // more multipliers (about one in fifty is collision-free there; a try stops at its first
        // collision, a few dozen steps, where the table is kept for the whole alignment).
        let narrow = log2_of(n * 4).max(value_bits);
        let mut log2 = if wide > narrow { wide - 1 } else { wide };
        // Each multiplier is tried on a bit per slot (a few words to clear between tries, where
        // filling and emptying the slots themselves cost most of a claim's preparation); the
        // slots are written once, for the multiplier found.
        let mut taken = [0u64; 1 << (MAX_SLOTS_LOG2 - 6)];
        while log2 <= MAX_SLOTS_LOG2 {
            let shift = 32 - log2;
            let bit_words = (1usize << log2).div_ceil(64);
            let tries = if log2 < wide { NARROW_TRIES } else { TRIES };
            for attempt in 0..tries {
                let multiplier = 0x9E37_79B1u32.wrapping_add(attempt.wrapping_mul(0x6A09_E668)) | 1;
                let slot_of = |id: u32| (id.wrapping_mul(multiplier) >> shift) as usize;
                let taken = &mut taken[..bit_words];
                taken.fill(0);
                let collision_free = entries.iter().all(|&(id, _)| {
                    let s = slot_of(id);
                    let bit = 1u64 << (s % 64);
                    let free = taken[s / 64] & bit == 0;
                    taken[s / 64] |= bit;
                    free
                });
                if !collision_free {
                    continue;
                }
                let mut slots = vec![0u32; 1 << log2];
                for &(id, value) in entries {
                    let product = id.wrapping_mul(multiplier);
                    slots[slot_of(id)] = (product << log2) | (u32::from(value) + 1);
                }
                return Some(IdTable {
                    slots: slots.into_boxed_slice(),
                    multiplier,
                    shift,
                    log2,
                    mask: (1 << log2) - 1,
                });
            }
            log2 += 1;
        }
        None
    }

    /// The value of `id` + 1, or 0 when the table does not hold it.
    #[inline(always)]
    pub(super) fn get(&self, id: u32) -> u32 {
        let product = id.wrapping_mul(self.multiplier);
        let s = (product >> self.shift) as usize;
        debug_assert!(s < self.slots.len());
        // SAFETY: a 32-bit product shifted right by `shift` is below `1 << (32 - shift)`, the
        // slot count `new` allocated (the look-up runs some sixty times per scored pair, and
        // the compiler cannot see this bound for itself).
        let slot = unsafe { *self.slots.get_unchecked(s) };
        // The slot holds `id` when its high bits are the product's low bits (the slot number
        // being the product's high bits); an empty slot (0) gives 0 whatever the id.
        (slot & self.mask) * ((slot ^ (product << self.log2)) <= self.mask) as u32
    }

    /// How many of `ids` the table holds.
    #[inline(always)]
    pub(super) fn count(&self, ids: &[u32]) -> usize {
        ids.iter().map(|&id| (self.get(id) != 0) as usize).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn holds_its_ids_and_no_other(
            ids in proptest::collection::btree_set(any::<u32>(), 0..80),
            probes in proptest::collection::vec(any::<u32>(), 0..40),
        ) {
            let entries: Vec<(u32, u16)> =
                ids.iter().enumerate().map(|(i, &id)| (id, i as u16)).collect();
            let table = IdTable::new(&entries).expect("a table for 80 ids");
            for &(id, value) in &entries {
                prop_assert_eq!(table.get(id), u32::from(value) + 1);
            }
            for id in probes.into_iter().chain([0, u32::MAX]) {
                if !ids.contains(&id) {
                    prop_assert_eq!(table.get(id), 0);
                }
            }
            let held = entries.iter().map(|e| e.0).take(5).chain([7, 9]).collect::<Vec<_>>();
            prop_assert_eq!(table.count(&held), held.iter().filter(|id| ids.contains(id)).count());
        }

        /// Values share a slot's 32 bits with the id's check bits: any value up to what the
        /// largest table has room for comes back, and a larger one gets no table, never a
        /// wrong value.
        #[test]
        fn values_come_back_whole_or_no_table(
            ids in proptest::collection::btree_set(any::<u32>(), 1..40),
            values in proptest::collection::vec(any::<u16>(), 40),
            probes in proptest::collection::vec(any::<u32>(), 0..40),
        ) {
            let entries: Vec<(u32, u16)> = ids.iter().zip(&values).map(|(&id, &v)| (id, v)).collect();
            let fits = entries.iter().all(|e| u32::from(e.1) + 1 < 1 << MAX_SLOTS_LOG2);
            match IdTable::new(&entries) {
                Some(table) => {
                    for &(id, value) in &entries {
                        prop_assert_eq!(table.get(id), u32::from(value) + 1);
                    }
                    for id in probes {
                        if !ids.contains(&id) {
                            prop_assert_eq!(table.get(id), 0);
                        }
                    }
                }
                None => prop_assert!(!fits, "a table for {} ids with values that fit", entries.len()),
            }
        }
    }
}
