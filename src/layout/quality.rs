//! How well a picture shows known groups: the silhouette of positions
//! grouped by a label, and the normalized mutual information of two
//! labellings (communities against sections). Used to choose the map's
//! defaults by measurement (`examples/map_quality.rs`).

/// The mean silhouette of `points` grouped by `labels` (Rousseeuw 1987):
/// for each point, `(b - a) / max(a, b)` where `a` is its mean distance to
/// the rest of its group and `b` its mean distance to the nearest other
/// group. From −1 to 1; above 0.5 the groups stand apart, near 0 they
/// overlap. A point alone in its group scores 0. `None` with fewer than two
/// groups.
pub fn silhouette(points: &[[f32; 2]], labels: &[usize]) -> Option<f64> {
    let n = points.len().min(labels.len());
    let groups = labels[..n].iter().copied().max()? + 1;
    let mut sizes = vec![0usize; groups];
    for &l in &labels[..n] {
        sizes[l] += 1;
    }
    if sizes.iter().filter(|&&s| s > 0).count() < 2 {
        return None;
    }
    let mut total = 0.0;
    let mut sums = vec![0.0f64; groups];
    for i in 0..n {
        sums.iter_mut().for_each(|s| *s = 0.0);
        for j in 0..n {
            if i != j {
                let (dx, dy) = (
                    f64::from(points[i][0] - points[j][0]),
                    f64::from(points[i][1] - points[j][1]),
                );
                sums[labels[j]] += (dx * dx + dy * dy).sqrt();
            }
        }
        let own = labels[i];
        if sizes[own] < 2 {
            continue;
        }
        let a = sums[own] / (sizes[own] - 1) as f64;
        let b = (0..groups)
            .filter(|&g| g != own && sizes[g] > 0)
            .map(|g| sums[g] / sizes[g] as f64)
            .fold(f64::INFINITY, f64::min);
        let m = a.max(b);
        if m > 0.0 {
            total += (b - a) / m;
        }
    }
    Some(total / n as f64)
}

/// The normalized mutual information of two labellings of the same items,
/// `2 I(A; B) / (H(A) + H(B))` (the arithmetic normalization, as in
/// scikit-learn): 1 when they group the items alike, near 0 when they are
/// unrelated. Two labellings of one group each agree fully (1).
pub fn normalized_mutual_information(a: &[usize], b: &[usize]) -> f64 {
    let n = a.len().min(b.len());
    if n == 0 {
        return 1.0;
    }
    let mut joint = std::collections::HashMap::<(usize, usize), f64>::new();
    let mut left = std::collections::HashMap::<usize, f64>::new();
    let mut right = std::collections::HashMap::<usize, f64>::new();
    for (&x, &y) in a.iter().zip(b).take(n) {
        *joint.entry((x, y)).or_default() += 1.0;
        *left.entry(x).or_default() += 1.0;
        *right.entry(y).or_default() += 1.0;
    }
    let n = n as f64;
    let entropy = |counts: &std::collections::HashMap<usize, f64>| -> f64 {
        counts
            .values()
            .map(|&c| {
                let p = c / n;
                -p * p.ln()
            })
            .sum()
    };
    let (ha, hb) = (entropy(&left), entropy(&right));
    if ha + hb == 0.0 {
        return 1.0;
    }
    let mutual: f64 = joint
        .iter()
        .map(|(&(x, y), &c)| {
            let p = c / n;
            p * (p / (left[&x] / n * right[&y] / n)).ln()
        })
        .sum();
    (2.0 * mutual / (ha + hb)).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_far_apart_clusters_score_near_one_and_mixed_ones_near_zero() {
        let mut points = Vec::new();
        let mut labels = Vec::new();
        for i in 0..20 {
            let jitter = (i % 5) as f32;
            points.push([jitter, jitter]);
            labels.push(0);
            points.push([1000.0 + jitter, jitter]);
            labels.push(1);
        }
        let apart = silhouette(&points, &labels).unwrap();
        assert!(apart > 0.98, "{apart}");
        // The same points with labels that do not follow the positions.
        let mixed: Vec<usize> = (0..labels.len()).map(|i| (i / 2) % 2).collect();
        let overlap = silhouette(&points, &mixed).unwrap();
        assert!(overlap.abs() < 0.1, "{overlap}");
    }

    #[test]
    fn silhouette_of_a_known_case() {
        // Groups {0, 1} and {10}: for 0, a = 1, b = 10 → 0.9; for 1,
        // a = 1, b = 9 → 8/9; 10 is alone → 0.
        let points = [[0.0, 0.0], [1.0, 0.0], [10.0, 0.0]];
        let s = silhouette(&points, &[0, 0, 1]).unwrap();
        let expected = (0.9 + 8.0 / 9.0) / 3.0;
        assert!((s - expected).abs() < 1e-9, "{s} vs {expected}");
        assert_eq!(silhouette(&points, &[0, 0, 0]), None);
    }

    #[test]
    fn nmi_is_one_for_the_same_grouping_under_other_names_and_low_for_unrelated() {
        let a = [0, 0, 1, 1, 2, 2];
        let renamed = [5, 5, 3, 3, 4, 4];
        assert!((normalized_mutual_information(&a, &renamed) - 1.0).abs() < 1e-12);
        // Independent: every pair of labels once.
        let x = [0, 0, 1, 1];
        let y = [0, 1, 0, 1];
        assert!(normalized_mutual_information(&x, &y).abs() < 1e-12);
        // A known value: A = {0,0,1,1}, B = {0,0,0,1}. H(A) = ln 2,
        // H(B) = -(.75 ln .75 + .25 ln .25), I = H(B) - H(B|A) =
        // H(B) - 0.5 ln 2.
        let (a, b) = ([0, 0, 1, 1], [0, 0, 0, 1]);
        let hb = -(0.75f64 * 0.75f64.ln() + 0.25 * 0.25f64.ln());
        let expected = 2.0 * (hb - 0.5 * 2f64.ln()) / (2f64.ln() + hb);
        assert!((normalized_mutual_information(&a, &b) - expected).abs() < 1e-12);
    }
}
