//! Node metrics of the co-occurrence graph: betweenness centrality (Brandes)
//! and communities (Louvain). Both deterministic whatever the thread count.

use rayon::prelude::*;

/// An undirected weighted graph as adjacency lists: `adj[i]` = (j, weight).
pub type Adjacency = Vec<Vec<(u32, f64)>>;

/// Above this many nodes, betweenness is estimated from a sample of sources.
pub const EXACT_BETWEENNESS_LIMIT: usize = 2000;
/// At least this many sources are sampled above the limits.
const SAMPLED_SOURCES: usize = 64;
/// Above this many node·edge steps, betweenness is sampled.
const EXACT_WORK_LIMIT: usize = 10_000_000;

/// Normalized betweenness centrality (unweighted shortest paths), in [0, 1].
///
/// Brandes' algorithm: O(n·m) exactly; above [`EXACT_BETWEENNESS_LIMIT`]
/// nodes or 10 million node·edge steps, O(k·m) from k evenly spaced sources
/// (k·m ≈ 10 million, at least 64), scaled by n/k.
pub fn betweenness(adj: &Adjacency) -> Vec<f64> {
    let never = std::sync::atomic::AtomicBool::new(false);
    betweenness_until(adj, &never).unwrap_or_default()
}

/// [`betweenness`], given up (`None`) as soon as `stop` is set: a search
/// from one source is the most it goes on for after that.
pub fn betweenness_until(
    adj: &Adjacency,
    stop: &std::sync::atomic::AtomicBool,
) -> Option<Vec<f64>> {
    use std::sync::atomic::Ordering;
    let n = adj.len();
    if n < 3 {
        return Some(vec![0.0; n]);
    }
    // Exact while n·m stays small; otherwise evenly spaced sample sources,
    // enough for a stable ranking of the central nodes.
    let m: usize = adj.iter().map(Vec::len).sum::<usize>() / 2;
    let exact = n <= EXACT_BETWEENNESS_LIMIT && n.saturating_mul(m.max(1)) <= EXACT_WORK_LIMIT;
    let sources: Vec<usize> = if exact {
        (0..n).collect()
    } else {
        let k = (EXACT_WORK_LIMIT / m.max(1)).clamp(SAMPLED_SOURCES, n);
        (0..k).map(|i| i * n / k).collect()
    };
    let scale = n as f64 / sources.len() as f64;
    let csr = Csr::of(adj);
    // Fixed chunks summed in order: the same floating-point result on any pool.
    let partial: Vec<Vec<f64>> = sources
        .par_chunks(32)
        .map(|chunk| {
            let mut acc = vec![0.0; n];
            let mut state = BrandesState::new(n);
            for &s in chunk {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                state.accumulate(&csr, s, &mut acc);
            }
            acc
        })
        .collect();
    if stop.load(Ordering::Relaxed) {
        return None;
    }
    let mut total = vec![0.0; n];
    for p in partial {
        for (t, v) in total.iter_mut().zip(p) {
            *t += v;
        }
    }
    // Undirected: each pair counted twice; normalize by (n-1)(n-2).
    let norm = ((n - 1) * (n - 2)) as f64;
    Some(
        total
            .iter()
            .map(|v| (v * scale / norm).clamp(0.0, 1.0))
            .collect(),
    )
}

/// Neighbours only, in one array (compressed sparse rows): a breadth-first
/// search reads 4 bytes per arc instead of 16, in order.
struct Csr {
    offsets: Vec<u32>,
    targets: Vec<u32>,
}

impl Csr {
    fn of(adj: &Adjacency) -> Self {
        let mut offsets = Vec::with_capacity(adj.len() + 1);
        let mut targets = Vec::with_capacity(adj.iter().map(Vec::len).sum());
        offsets.push(0);
        for list in adj {
            targets.extend(list.iter().map(|&(j, _)| j));
            offsets.push(u32::try_from(targets.len()).unwrap_or(u32::MAX));
        }
        Self { offsets, targets }
    }

    fn neighbours(&self, v: usize) -> &[u32] {
        &self.targets[self.offsets[v] as usize..self.offsets[v + 1] as usize]
    }
}

struct BrandesState {
    /// Nodes in the order the search reached them (its queue, and read
    /// backwards, Brandes' stack).
    order: Vec<u32>,
    sigma: Vec<f64>,
    dist: Vec<i32>,
    delta: Vec<f64>,
}

impl BrandesState {
    fn new(n: usize) -> Self {
        Self {
            order: Vec::with_capacity(n),
            sigma: vec![0.0; n],
            dist: vec![-1; n],
            delta: vec![0.0; n],
        }
    }

    /// One source's dependencies added to `acc`. Predecessors are not
    /// stored: on the way back, a neighbour one step nearer the source is
    /// one. The sums run in the same order as with predecessor lists.
    fn accumulate(&mut self, csr: &Csr, s: usize, acc: &mut [f64]) {
        self.sigma.fill(0.0);
        self.dist.fill(-1);
        self.delta.fill(0.0);
        self.order.clear();
        self.sigma[s] = 1.0;
        self.dist[s] = 0;
        self.order.push(s as u32);
        let mut head = 0;
        while let Some(&v) = self.order.get(head) {
            head += 1;
            let vi = v as usize;
            let dv = self.dist[vi];
            let sv = self.sigma[vi];
            for &w in csr.neighbours(vi) {
                let wi = w as usize;
                if self.dist[wi] < 0 {
                    self.dist[wi] = dv + 1;
                    self.order.push(w);
                }
                if self.dist[wi] == dv + 1 {
                    self.sigma[wi] += sv;
                }
            }
        }
        for &w in self.order.iter().rev() {
            let wi = w as usize;
            let (dw, sw, up) = (self.dist[wi], self.sigma[wi], 1.0 + self.delta[wi]);
            for &v in csr.neighbours(wi) {
                let vi = v as usize;
                if self.dist[vi] == dw - 1 {
                    self.delta[vi] += self.sigma[vi] / sw * up;
                }
            }
            if wi != s {
                acc[wi] += self.delta[wi];
            }
        }
    }
}

/// Communities by the Louvain method (Blondel et al. 2008) on edge weights.
///
/// Nodes are visited in index order and ties broken by the lowest community
/// id, so the result is deterministic. Communities are numbered by size,
/// largest first. Roughly O(m) per pass, a few passes.
pub fn louvain(adj: &Adjacency) -> Vec<u32> {
    let n = adj.len();
    let mut membership: Vec<u32> = (0..n as u32).collect();
    let mut graph: Adjacency = adj.clone();
    for _level in 0..16 {
        let (local, moved) = one_level(&graph);
        // Map original nodes through this level.
        for m in &mut membership {
            *m = local[*m as usize];
        }
        if !moved {
            break;
        }
        graph = aggregate(&graph, &local);
        if graph.len() <= 1 {
            break;
        }
    }
    renumber_by_size(&membership)
}

/// One pass of local moves; returns compact community ids and whether anything moved.
fn one_level(adj: &Adjacency) -> (Vec<u32>, bool) {
    let n = adj.len();
    let degree: Vec<f64> = adj
        .iter()
        .map(|e| e.iter().map(|(_, w)| *w).sum())
        .collect();
    let two_m: f64 = degree.iter().sum();
    let mut community: Vec<u32> = (0..n as u32).collect();
    if two_m <= 0.0 {
        return (community, false);
    }
    let mut total: Vec<f64> = degree.clone();
    let mut moved_any = false;
    let mut weights_to: Vec<f64> = vec![0.0; n];
    let mut touched: Vec<u32> = Vec::new();
    for _pass in 0..64 {
        let mut moved = false;
        for i in 0..n {
            let ci = community[i] as usize;
            for &c in &touched {
                weights_to[c as usize] = 0.0;
            }
            touched.clear();
            for &(j, w) in &adj[i] {
                // A self-loop never moves a node to another community.
                if j as usize == i {
                    continue;
                }
                let cj = community[j as usize];
                if weights_to[cj as usize] == 0.0 {
                    touched.push(cj);
                }
                weights_to[cj as usize] += w;
            }
            total[ci] -= degree[i];
            let gain = |c: usize, k_in: f64| k_in - total[c] * degree[i] / two_m;
            let mut best = ci;
            let mut best_gain = gain(ci, weights_to[ci]);
            touched.sort_unstable();
            for &c in &touched {
                let g = gain(c as usize, weights_to[c as usize]);
                if g > best_gain + 1e-12 {
                    best_gain = g;
                    best = c as usize;
                }
            }
            total[best] += degree[i];
            if best != ci {
                community[i] = best as u32;
                moved = true;
                moved_any = true;
            }
        }
        if !moved {
            break;
        }
    }
    // Compact ids in order of first appearance.
    let mut map = vec![u32::MAX; n];
    let mut next = 0;
    for c in &mut community {
        if map[*c as usize] == u32::MAX {
            map[*c as usize] = next;
            next += 1;
        }
        *c = map[*c as usize];
    }
    (community, moved_any)
}

fn aggregate(adj: &Adjacency, community: &[u32]) -> Adjacency {
    let k = community
        .iter()
        .copied()
        .max()
        .map_or(0, |m| m as usize + 1);
    let mut maps: Vec<std::collections::BTreeMap<u32, f64>> = vec![Default::default(); k];
    for (i, edges) in adj.iter().enumerate() {
        let ci = community[i];
        for &(j, w) in edges {
            *maps[ci as usize].entry(community[j as usize]).or_default() += w;
        }
    }
    maps.into_iter().map(|m| m.into_iter().collect()).collect()
}

fn renumber_by_size(membership: &[u32]) -> Vec<u32> {
    let k = membership
        .iter()
        .copied()
        .max()
        .map_or(0, |m| m as usize + 1);
    let mut size = vec![(0usize, usize::MAX); k];
    for (i, &c) in membership.iter().enumerate() {
        size[c as usize].0 += 1;
        size[c as usize].1 = size[c as usize].1.min(i);
    }
    let mut order: Vec<usize> = (0..k).filter(|&c| size[c].0 > 0).collect();
    order.sort_by_key(|&c| (std::cmp::Reverse(size[c].0), size[c].1));
    let mut rank = vec![0u32; k];
    for (r, c) in order.into_iter().enumerate() {
        rank[c] = r as u32;
    }
    membership.iter().map(|&c| rank[c as usize]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn betweenness_stops_when_told_and_otherwise_is_the_same() {
        let n = 40;
        let adj: Adjacency = (0..n)
            .map(|i| {
                let mut v = vec![((i + 1) % n, 1.0), ((i + n - 1) % n, 1.0)];
                v.sort_by_key(|e| e.0);
                v
            })
            .collect();
        let stop = std::sync::atomic::AtomicBool::new(false);
        let full = betweenness_until(&adj, &stop).unwrap();
        assert_eq!(full, betweenness(&adj));
        assert!(full.iter().all(|b| *b > 0.0));
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        assert_eq!(betweenness_until(&adj, &stop), None);
    }

    fn undirected(n: usize, edges: &[(u32, u32, f64)]) -> Adjacency {
        let mut adj = vec![Vec::new(); n];
        for &(a, b, w) in edges {
            adj[a as usize].push((b, w));
            adj[b as usize].push((a, w));
        }
        adj
    }

    #[test]
    fn the_middle_of_a_path_is_most_between() {
        let adj = undirected(5, &[(0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0), (3, 4, 1.0)]);
        let b = betweenness(&adj);
        assert!(b[2] > b[1] && b[1] > b[0]);
        assert_eq!(b[0], 0.0);
        // Centre of a 5-path: 4 of 6 pairs pass through it.
        assert!((b[2] - 4.0 / 6.0).abs() < 1e-9, "{}", b[2]);
    }

    #[test]
    fn two_cliques_joined_by_one_edge_are_two_communities() {
        let mut edges = Vec::new();
        for a in 0..5u32 {
            for b in a + 1..5 {
                edges.push((a, b, 1.0));
                edges.push((a + 5, b + 5, 1.0));
            }
        }
        edges.push((4, 5, 1.0));
        let c = louvain(&undirected(10, &edges));
        assert!(c[..5].iter().all(|&x| x == c[0]));
        assert!(c[5..].iter().all(|&x| x == c[5]));
        assert_ne!(c[0], c[5]);
    }

    #[test]
    fn isolated_nodes_get_their_own_community() {
        let c = louvain(&undirected(3, &[]));
        assert_eq!(c.len(), 3);
        let mut sorted = c.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), 3);
    }
}
