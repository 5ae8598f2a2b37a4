//! Sorting packed integer keys by their bytes (least significant first).
//!
//! A time window re-sorts the backbone and the drawing order of every link
//! with evidence in it (tens of thousands of keys) on each change: a
//! comparison sort costs `n log n` comparisons, a radix sort a few passes
//! over the keys, and fewer still because bytes every key shares (the high
//! bytes of an index, of a count) need no pass.

/// An unsigned integer key sorted byte by byte.
pub(crate) trait RadixKey: Copy + Ord + Default {
    const BYTES: usize;
    fn byte(self, i: usize) -> u8;
}

impl RadixKey for u64 {
    const BYTES: usize = 8;
    fn byte(self, i: usize) -> u8 {
        (self >> (8 * i)) as u8
    }
}

impl RadixKey for u128 {
    const BYTES: usize = 16;
    fn byte(self, i: usize) -> u8 {
        (self >> (8 * i)) as u8
    }
}

/// Below this many keys a comparison sort is as quick.
const SMALL: usize = 512;

/// Sorts `keys` ascending (the same order as `sort_unstable`).
#[cfg(test)]
pub(crate) fn sort<K: RadixKey>(keys: &mut Vec<K>) {
    sort_above(keys, 0);
}

/// Sorts `keys` ascending when they are already ascending in their lowest
/// `sorted` bytes (keys that end in their own index, made in index order):
/// each pass is stable, so those bytes need no pass.
pub(crate) fn sort_above<K: RadixKey>(keys: &mut Vec<K>, sorted: usize) {
    if keys.len() <= SMALL {
        keys.sort_unstable();
        return;
    }
    debug_assert!(keys.windows(2).all(|w| {
        let low = |k: K| (0..sorted.min(K::BYTES)).rev().map(move |i| k.byte(i));
        low(w[0]).le(low(w[1]))
    }));
    // Every byte's histogram in one pass.
    let mut counts = vec![[0usize; 256]; K::BYTES];
    for &key in keys.iter() {
        for (i, histogram) in counts.iter_mut().enumerate().skip(sorted) {
            histogram[usize::from(key.byte(i))] += 1;
        }
    }
    let mut buffer = vec![K::default(); keys.len()];
    for (i, histogram) in counts.iter().enumerate().skip(sorted) {
        // A byte all keys share orders nothing.
        if histogram.contains(&keys.len()) {
            continue;
        }
        let mut next = [0usize; 256];
        let mut sum = 0;
        for (slot, &c) in next.iter_mut().zip(histogram) {
            *slot = sum;
            sum += c;
        }
        for &key in keys.iter() {
            let b = usize::from(key.byte(i));
            buffer[next[b]] = key;
            next[b] += 1;
        }
        std::mem::swap(keys, &mut buffer);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(n: usize, seed: u64, mask: u64) -> Vec<u64> {
        let mut state = seed;
        (0..n)
            .map(|_| {
                state = crate::layout::splitmix(state);
                state & mask
            })
            .collect()
    }

    #[test]
    fn sorts_as_a_comparison_sort_does() {
        for (n, mask) in [
            (0, u64::MAX),
            (3, u64::MAX),
            (SMALL + 1, u64::MAX),
            (10_000, u64::MAX),
            // Shared high bytes, many equal keys.
            (10_000, 0xFF_0000_00FF),
            (5_000, 0),
        ] {
            let mut radix = keys(n, n as u64 ^ mask, mask);
            let mut plain = radix.clone();
            sort(&mut radix);
            plain.sort_unstable();
            assert_eq!(radix, plain, "{n} keys, mask {mask:x}");
        }
    }

    #[test]
    fn keys_ending_in_their_index_sort_without_passes_over_it() {
        for n in [10, SMALL + 1, 20_000] {
            let mut radix: Vec<u64> = keys(n, n as u64, 0xFF_00FF)
                .into_iter()
                .enumerate()
                .map(|(i, k)| k << 32 | i as u64)
                .collect();
            let mut plain = radix.clone();
            sort_above(&mut radix, 4);
            plain.sort_unstable();
            assert_eq!(radix, plain, "{n} keys");
        }
    }

    #[test]
    fn sorts_wide_keys() {
        let mut radix: Vec<u128> = keys(7_000, 9, u64::MAX)
            .into_iter()
            .zip(keys(7_000, 10, 0xFFFF))
            .map(|(a, b)| u128::from(b) << 64 | u128::from(a))
            .collect();
        let mut plain = radix.clone();
        sort(&mut radix);
        plain.sort_unstable();
        assert_eq!(radix, plain);
    }
}
