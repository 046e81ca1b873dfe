//! Ordering the short lists the console shows, without the standard library's slice sorts.
//!
//! `slice::sort_by_key` is a stable driftsort: about 4 KB of wasm per element type, all of
//! it in the page every operator downloads. The lists ordered here (a form's errors, a page
//! of Cinder messages, the leftover images) hold tens of items, where an insertion sort is
//! as fast and a few hundred bytes.

/// Sorts `items` by `key`, stable (equal keys keep their order), in place: an insertion
/// sort, O(n²) comparisons — for lists of up to a few hundred items.
pub fn sort_short_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && key(&items[j - 1]) > key(&items[j]) {
            items.swap(j - 1, j);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn orders_by_key_and_keeps_ties_in_order() {
        let mut v = [(3, 'a'), (1, 'b'), (3, 'c'), (0, 'd'), (1, 'e')];
        sort_short_by_key(&mut v, |p| p.0);
        assert_eq!(v, [(0, 'd'), (1, 'b'), (1, 'e'), (3, 'a'), (3, 'c')]);
        let mut empty: [u8; 0] = [];
        sort_short_by_key(&mut empty, |x| *x);
        let mut one = [7];
        sort_short_by_key(&mut one, |x| *x);
        assert_eq!(one, [7]);
    }

    proptest! {
        #[test]
        fn same_order_as_the_standard_stable_sort(v in proptest::collection::vec((0u8..8, any::<u16>()), 0..60)) {
            let mut ours = v.clone();
            sort_short_by_key(&mut ours, |p| std::cmp::Reverse(p.0));
            let mut std_sorted = v;
            std_sorted.sort_by_key(|p| std::cmp::Reverse(p.0));
            prop_assert_eq!(ours, std_sorted);
        }
    }
}
