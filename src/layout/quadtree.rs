//! A Barnes–Hut quadtree over weighted points, for approximate repulsion.
//!
//! Built by recursive in-place partitioning in O(n log n); queried per point
//! in O(log n) cells on average for a fixed θ. Bodies are copied into leaf
//! order so the exact inner loops read contiguous memory.

/// A body as stored in leaf order.
#[derive(Debug, Clone, Copy)]
pub struct Body {
    pub x: f32,
    pub y: f32,
    pub mass: f32,
    pub size: f32,
    pub index: u32,
}

#[derive(Debug, Clone, Copy)]
struct Cell {
    /// Centre of mass.
    cx: f32,
    cy: f32,
    mass: f32,
    /// Geometric centre and half the side length.
    gx: f32,
    gy: f32,
    half: f32,
    /// Index of the first of four children, or 0 for a leaf.
    first_child: u32,
    /// Range of bodies in leaf order.
    start: u32,
    end: u32,
}

/// Leaves hold at most this many bodies; small buckets keep the exact part cheap.
const LEAF_SIZE: usize = 8;
/// Deeper than this, coincident points share one leaf whatever their number.
const MAX_DEPTH: u32 = 32;

/// The tree.
#[derive(Debug, Default)]
pub struct QuadTree {
    cells: Vec<Cell>,
    bodies: Vec<Body>,
}

impl QuadTree {
    /// Builds the tree over `bodies` (positions must be finite).
    pub fn build(mut bodies: Vec<Body>) -> Self {
        let mut tree = Self {
            cells: Vec::with_capacity(bodies.len() / 2 + 1),
            bodies: Vec::new(),
        };
        if bodies.is_empty() {
            return tree;
        }
        let (mut min_x, mut min_y, mut max_x, mut max_y) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        for b in &bodies {
            min_x = min_x.min(b.x);
            min_y = min_y.min(b.y);
            max_x = max_x.max(b.x);
            max_y = max_y.max(b.y);
        }
        let half = ((max_x - min_x).max(max_y - min_y) * 0.5).max(1e-3) * 1.0001;
        let (gx, gy) = ((min_x + max_x) * 0.5, (min_y + max_y) * 0.5);
        tree.cells.push(empty_cell(gx, gy, half));
        let len = u32::try_from(bodies.len()).unwrap_or(u32::MAX);
        tree.fill(0, &mut bodies, 0, len, 0);
        tree.bodies = bodies;
        tree
    }

    fn fill(&mut self, cell: usize, bodies: &mut [Body], start: u32, end: u32, depth: u32) {
        let slice = &mut bodies[start as usize..end as usize];
        let (mut mass, mut mx, mut my) = (0.0f32, 0.0f32, 0.0f32);
        for b in slice.iter() {
            mass += b.mass;
            mx += b.x * b.mass;
            my += b.y * b.mass;
        }
        let c = &mut self.cells[cell];
        c.mass = mass;
        if mass > 0.0 {
            c.cx = mx / mass;
            c.cy = my / mass;
        } else {
            c.cx = c.gx;
            c.cy = c.gy;
        }
        c.start = start;
        c.end = end;
        if slice.len() <= LEAF_SIZE || depth >= MAX_DEPTH {
            return;
        }
        let (gx, gy, half) = (c.gx, c.gy, c.half);
        // Partition into quadrants: first by y, then each half by x.
        let split_y = partition(slice, |b| b.y < gy);
        let (low, high) = slice.split_at_mut(split_y);
        let split_low = partition(low, |b| b.x < gx);
        let split_high = partition(high, |b| b.x < gx);
        let q = half * 0.5;
        let first = self.cells.len();
        self.cells[cell].first_child = u32::try_from(first).unwrap_or(u32::MAX);
        self.cells.push(empty_cell(gx - q, gy - q, q));
        self.cells.push(empty_cell(gx + q, gy - q, q));
        self.cells.push(empty_cell(gx - q, gy + q, q));
        self.cells.push(empty_cell(gx + q, gy + q, q));
        let s = start;
        let b0 = s + split_low as u32;
        let b1 = s + split_y as u32;
        let b2 = b1 + split_high as u32;
        let ranges = [(s, b0), (b0, b1), (b1, b2), (b2, end)];
        for (k, (a, b)) in ranges.into_iter().enumerate() {
            if a < b {
                self.fill(first + k, bodies, a, b, depth + 1);
            } else {
                self.cells[first + k].start = a;
                self.cells[first + k].end = a;
            }
        }
    }

    /// Calls `exact(body)` for every body that must be handled one by one and
    /// `far(cx, cy, mass)` for every cell far enough from `(x, y)` to be
    /// approximated by its centre of mass (`side / distance < theta`).
    #[inline]
    pub fn visit(
        &self,
        x: f32,
        y: f32,
        theta: f32,
        stack: &mut Vec<u32>,
        mut exact: impl FnMut(&Body),
        mut far: impl FnMut(f32, f32, f32),
    ) {
        if self.cells.is_empty() {
            return;
        }
        let theta2 = theta * theta;
        stack.clear();
        stack.push(0);
        while let Some(index) = stack.pop() {
            let cell = &self.cells[index as usize];
            if cell.start == cell.end {
                continue;
            }
            let inside = (x - cell.gx).abs() <= cell.half && (y - cell.gy).abs() <= cell.half;
            if !inside {
                let dx = x - cell.cx;
                let dy = y - cell.cy;
                let d2 = dx * dx + dy * dy;
                let side = cell.half * 2.0;
                if side * side < theta2 * d2 {
                    far(cell.cx, cell.cy, cell.mass);
                    continue;
                }
            }
            if cell.first_child == 0 {
                for body in &self.bodies[cell.start as usize..cell.end as usize] {
                    exact(body);
                }
            } else {
                for k in 0..4 {
                    stack.push(cell.first_child + k);
                }
            }
        }
    }
}

fn empty_cell(gx: f32, gy: f32, half: f32) -> Cell {
    Cell {
        cx: gx,
        cy: gy,
        mass: 0.0,
        gx,
        gy,
        half,
        first_child: 0,
        start: 0,
        end: 0,
    }
}

/// Moves the bodies matching `pred` to the front; returns how many there are.
fn partition(slice: &mut [Body], pred: impl Fn(&Body) -> bool) -> usize {
    let mut next = 0;
    for i in 0..slice.len() {
        if pred(&slice[i]) {
            slice.swap(i, next);
            next += 1;
        }
    }
    next
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bodies(points: &[(f32, f32)]) -> Vec<Body> {
        points
            .iter()
            .enumerate()
            .map(|(i, &(x, y))| Body {
                x,
                y,
                mass: 1.0,
                size: 1.0,
                index: i as u32,
            })
            .collect()
    }

    #[test]
    fn every_body_is_reached_exactly_once_with_theta_zero() {
        let points: Vec<(f32, f32)> = (0..500)
            .map(|i| ((i * 37 % 101) as f32, (i * 53 % 97) as f32))
            .collect();
        let tree = QuadTree::build(bodies(&points));
        let mut seen = vec![0; points.len()];
        let mut stack = Vec::new();
        tree.visit(
            1000.0,
            1000.0,
            0.0,
            &mut stack,
            |b| seen[b.index as usize] += 1,
            |_, _, _| panic!("theta 0 approximates nothing"),
        );
        assert!(seen.iter().all(|&n| n == 1));
    }

    #[test]
    fn far_cells_carry_all_the_mass() {
        let points: Vec<(f32, f32)> = (0..300)
            .map(|i| ((i % 17) as f32, (i / 17) as f32))
            .collect();
        let tree = QuadTree::build(bodies(&points));
        let (mut near, mut far) = (0.0, 0.0);
        let mut stack = Vec::new();
        tree.visit(
            -500.0,
            -500.0,
            1.0,
            &mut stack,
            |b| near += b.mass,
            |_, _, m| far += m,
        );
        assert!((near + far - 300.0f32).abs() < 1e-3);
        assert!(far > 0.0);
    }

    #[test]
    fn coincident_points_do_not_recurse_forever() {
        let tree = QuadTree::build(bodies(&vec![(1.0, 1.0); 100]));
        let mut count = 0;
        let mut stack = Vec::new();
        tree.visit(1.0, 1.0, 1.2, &mut stack, |_| count += 1, |_, _, _| {});
        assert_eq!(count, 100);
    }
}
