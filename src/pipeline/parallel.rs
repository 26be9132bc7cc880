//! Pipeline, threads: maps work over one thread per core.

use std::sync::{Mutex, PoisonError};

/// Stack of each output thread: Typst's layout recurses deeply.
const STACK_SIZE: usize = 64 << 20;

/// Maps `items` with `work` on one thread per core, each taking the next item when done;
/// results keep the items' order.
///
/// With `own_pools` (for layout), each thread is the one thread of its own rayon pool, so
/// the parallel loops inside Typst run on it, one after another. The outputs are the
/// parallelism: no core waits on another's pages, and no thread steals another output
/// onto its own stack (with one global pool, over a few hundred outputs, those nested
/// steals overflowed the stack).
pub(super) fn map<T: Send, R: Send>(items: Vec<T>, own_pools: bool, work: impl Fn(T) -> R + Sync) -> Vec<R> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = cores.min(items.len());
    let queue = Mutex::new(items.into_iter().enumerate());
    let results = Mutex::new(Vec::new());
    let worker = || {
        loop {
            let next = queue.lock().unwrap_or_else(PoisonError::into_inner).next();
            let Some((index, item)) = next else { break };
            let result = work(item);
            results.lock().unwrap_or_else(PoisonError::into_inner).push((index, result));
        }
    };
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let on_own_pool = move || {
                let pool = own_pools
                    .then(|| rayon::ThreadPoolBuilder::new().num_threads(1).use_current_thread().build());
                match pool {
                    Some(Ok(pool)) => pool.install(worker),
                    _ => worker(),
                }
            };
            let spawned = std::thread::Builder::new().stack_size(STACK_SIZE).spawn_scoped(scope, on_own_pool);
            if spawned.is_err() {
                // No thread to be had: do the work here.
                worker();
            }
        }
    });
    let mut results = results.into_inner().unwrap_or_else(PoisonError::into_inner);
    results.sort_by_key(|(index, _)| *index);
    results.into_iter().map(|(_, result)| result).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_order_of_the_items() {
        let items: Vec<u32> = (0..50).collect();
        assert_eq!(map(items.clone(), false, |i| i * 2), items.iter().map(|i| i * 2).collect::<Vec<_>>());
        assert_eq!(map(items.clone(), true, |i| i + 1)[49], 50);
        assert!(map(Vec::<u32>::new(), true, |i| i).is_empty());
    }
}
