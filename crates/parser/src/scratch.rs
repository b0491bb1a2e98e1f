//! Per-thread working lists reused from one article to the next: segmentation and analysis
//! clear them instead of freeing and allocating them again for every article.
use std::cell::RefCell;
use std::thread::LocalKey;

use crate::segment::RawSentence;
use crate::tabular::RunRole;

/// A thread's spare list of one use.
pub(crate) type Slot<T> = LocalKey<RefCell<Vec<T>>>;

/// Lists that grew past this many bytes (one huge article) are freed, not kept.
const MAX_BYTES: usize = 1 << 22;

thread_local! {
    /// Line ranges of a text (`segment::paragraphs`).
    pub(crate) static LINES: RefCell<Vec<(usize, usize)>> = const { RefCell::new(Vec::new()) };
    /// Paragraph ranges with their item marker length.
    pub(crate) static PARAS: RefCell<Vec<(usize, usize, usize)>> = const { RefCell::new(Vec::new()) };
    /// Sentence ranges of one paragraph.
    pub(crate) static RANGES: RefCell<Vec<(usize, usize)>> = const { RefCell::new(Vec::new()) };
    /// List items of one paragraph.
    pub(crate) static ITEMS: RefCell<Vec<(usize, usize, usize)>> = const { RefCell::new(Vec::new()) };
    /// A run of one-line listing paragraphs.
    pub(crate) static RUN: RefCell<Vec<(usize, RunRole)>> = const { RefCell::new(Vec::new()) };
    /// The sentences of an article, from segmentation to the end of its analysis.
    pub(crate) static SENTS: RefCell<Vec<RawSentence>> = const { RefCell::new(Vec::new()) };
    /// Token range of each sentence.
    pub(crate) static SENT_TOKS: RefCell<Vec<(usize, usize)>> = const { RefCell::new(Vec::new()) };
    /// Mention range of each sentence, and the stack it is built on.
    pub(crate) static SENT_MENTIONS: RefCell<Vec<(usize, usize)>> = const { RefCell::new(Vec::new()) };
    pub(crate) static MENTION_STACK: RefCell<Vec<(usize, usize)>> = const { RefCell::new(Vec::new()) };
    /// The order sentences are searched for names in.
    pub(crate) static ORDER: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
    /// Clause ranges of one sentence.
    pub(crate) static CLAUSES: RefCell<Vec<(usize, usize)>> = const { RefCell::new(Vec::new()) };
}

/// The spare list of `slot`, empty (a new one when there is none).
pub(crate) fn take<T: 'static>(slot: &'static Slot<T>) -> Vec<T> {
    slot.with(|c| std::mem::take(&mut *c.borrow_mut()))
}

/// Hands `v` back to `slot`, emptied.
pub(crate) fn give<T: 'static>(slot: &'static Slot<T>, mut v: Vec<T>) {
    v.clear();
    if v.capacity() * std::mem::size_of::<T>() <= MAX_BYTES {
        slot.with(|c| *c.borrow_mut() = v);
    }
}
