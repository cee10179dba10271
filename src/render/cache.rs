//! Typst's memoization cache, kept in bounds by one policy for the whole process.
//!
//! The cache is process-wide and shared by every thread. Evicting it while a compilation runs
//! does more than drop old results: comemo also clears its "accelerators", so the running
//! compilation loses its speed-ups until it ends. Hence: a compilation (and its export) holds a
//! [`Session`]; every [`EVERY`] sessions, the one that ends waits until no other is running, then
//! evicts what has not been used over the last [`MAX_AGE`] evictions. Templates, fonts and the
//! library stay warm; the results of dossiers long gone are dropped.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{PoisonError, RwLock, RwLockReadGuard};

/// Sessions between two evictions. Larger keeps more in memory for longer; smaller stalls the
/// other threads more often. Measured (2 cores, sample dossiers): see the README, Performance.
const EVERY: usize = 4;
/// Evictions a result may go unused before it is dropped.
const MAX_AGE: usize = 1;

static GATE: RwLock<()> = RwLock::new(());
static ENDED: AtomicUsize = AtomicUsize::new(0);

/// A compilation under way: no eviction happens while one is alive.
#[derive(Debug)]
pub struct Session {
    _shared: RwLockReadGuard<'static, ()>,
}

impl Session {
    /// Waits for an eviction under way, if any, then lets this compilation run.
    pub fn start() -> Self {
        Self { _shared: GATE.read().unwrap_or_else(PoisonError::into_inner) }
    }

    /// Ends the compilation; every `EVERY`-th end evicts, once no other compilation runs.
    pub fn end(self) {
        drop(self);
        if (ENDED.fetch_add(1, Ordering::Relaxed) + 1).is_multiple_of(EVERY) {
            let _alone = GATE.write().unwrap_or_else(PoisonError::into_inner);
            typst::comemo::evict(MAX_AGE);
        }
    }

    /// Ends a compilation whose memoized results are of no use to the next one (a slice of a long
    /// décompte): evicts everything unused now, once no other compilation runs, so memory stays
    /// that of one slice whatever the length of the claim.
    pub fn end_evicting(self) {
        drop(self);
        let _alone = GATE.write().unwrap_or_else(PoisonError::into_inner);
        typst::comemo::evict(0);
    }
}
