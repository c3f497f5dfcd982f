//! One stable sort for the page. Each `sort`, `sort_by` or `sort_by_key` on its own element
//! type or with its own closure is its own copy of core's sort (1–3 kB each in the page's
//! WebAssembly); here the sort is written once, over positions with a `dyn` comparison, and
//! each caller only moves its items into the order found.

use std::cmp::Ordering;

/// The positions `0..len` in the order `cmp` (comparing two positions) puts them, equal ones
/// kept in order: `sort_by`'s order.
#[inline(never)]
pub fn positions(len: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// `items` as `items.sort_by(cmp)` leaves them.
pub fn sorted_by<T>(items: Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) -> Vec<T> {
    let order = positions(items.len(), &|a, b| cmp(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_as_sort_by() {
        let items: Vec<(u8, usize)> = (0..200usize)
            .map(|i| (((i * 7919) % 13) as u8, i))
            .collect();
        let mut expected = items.clone();
        expected.sort_by_key(|&(k, _)| k);
        assert_eq!(sorted_by(items, |a, b| a.0.cmp(&b.0)), expected);
        assert_eq!(sorted_by(Vec::<u8>::new(), Ord::cmp), Vec::<u8>::new());
    }
}
