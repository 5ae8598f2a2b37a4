//! A background thread that iterates a [`ForceAtlas2`] and publishes position
//! snapshots, so a large layout never blocks the thread that draws.

use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::{Fa2Settings, ForceAtlas2, LayoutState};

/// What the runner is told to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    Settings(Fa2Settings),
    Move(usize, [f32; 2]),
    Pin(usize, bool),
    Pause,
    Resume,
    Reheat,
    Stop,
}

/// The latest published state.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub positions: Vec<[f32; 2]>,
    pub state: LayoutState,
    pub iterations: u64,
    /// Bumped at each publication.
    pub generation: u64,
    /// Mean wall time of an iteration over the last publication period.
    pub iteration_time: Duration,
}

/// Owns the layout thread; dropping it stops the thread.
pub struct LayoutRunner {
    commands: Sender<Command>,
    snapshot: Arc<Mutex<Snapshot>>,
    thread: Option<JoinHandle<()>>,
}

impl LayoutRunner {
    /// Starts iterating `layout` on its own thread. `on_publish` is called
    /// after each new snapshot (the UI passes a repaint request).
    pub fn spawn(layout: ForceAtlas2, on_publish: Box<dyn Fn() + Send>) -> Self {
        let snapshot = Arc::new(Mutex::new(Snapshot {
            positions: layout.positions().to_vec(),
            state: layout.state(),
            iterations: layout.iterations(),
            generation: 0,
            iteration_time: Duration::ZERO,
        }));
        let (tx, rx) = channel();
        let shared = Arc::clone(&snapshot);
        let thread = std::thread::Builder::new()
            .name("knowmap-layout".into())
            .spawn(move || run(layout, &rx, &shared, &*on_publish))
            .ok();
        Self {
            commands: tx,
            snapshot,
            thread,
        }
    }

    /// Sends a command; ignored if the thread has ended.
    pub fn send(&self, command: Command) {
        let _ = self.commands.send(command);
    }

    /// A copy of the latest snapshot if it is newer than `generation`.
    pub fn snapshot_after(&self, generation: u64) -> Option<Snapshot> {
        let guard = self.snapshot.lock().ok()?;
        (guard.generation > generation).then(|| guard.clone())
    }
}

impl Drop for LayoutRunner {
    fn drop(&mut self) {
        let _ = self.commands.send(Command::Stop);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn run(
    mut layout: ForceAtlas2,
    rx: &Receiver<Command>,
    shared: &Mutex<Snapshot>,
    on_publish: &dyn Fn(),
) {
    let publish_every = Duration::from_millis(16);
    let mut generation = 0;
    let mut last_publish = Instant::now();
    let mut iterations_since = 0u32;
    loop {
        // Block while idle; drain commands while running.
        let command = if layout.state() == LayoutState::Running {
            rx.try_recv().ok()
        } else {
            match rx.recv() {
                Ok(c) => Some(c),
                Err(_) => return,
            }
        };
        let mut changed = false;
        if let Some(command) = command {
            changed = true;
            match command {
                Command::Settings(s) => layout.set_settings(s),
                Command::Move(i, p) => layout.set_position(i, p),
                Command::Pin(i, pinned) => layout.set_pinned(i, pinned),
                Command::Pause => layout.pause(),
                Command::Resume => layout.resume(),
                Command::Reheat => layout.reheat(),
                Command::Stop => return,
            }
        }
        if layout.step().is_some() {
            iterations_since += 1;
        }
        let due = last_publish.elapsed() >= publish_every || layout.state() != LayoutState::Running;
        if (changed || iterations_since > 0) && due {
            generation += 1;
            let iteration_time = last_publish.elapsed() / iterations_since.max(1);
            if let Ok(mut guard) = shared.lock() {
                guard.positions.clear();
                guard.positions.extend_from_slice(layout.positions());
                guard.state = layout.state();
                guard.iterations = layout.iterations();
                guard.generation = generation;
                guard.iteration_time = iteration_time;
            }
            on_publish();
            last_publish = Instant::now();
            iterations_since = 0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::LayoutGraph;

    #[test]
    fn runner_publishes_and_settles() {
        let graph = LayoutGraph {
            node_count: 20,
            edges: (1..20).map(|i| (i - 1, i, 1.0)).collect(),
            sizes: Vec::new(),
        };
        let runner = LayoutRunner::spawn(
            ForceAtlas2::new(&graph, Fa2Settings::default(), 1),
            Box::new(|| {}),
        );
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut last = None;
        while Instant::now() < deadline {
            if let Some(s) = runner.snapshot_after(0)
                && s.state == LayoutState::Settled
            {
                last = Some(s);
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        let snapshot = last.expect("the layout settles");
        assert_eq!(snapshot.positions.len(), 20);
        assert!(snapshot.positions.iter().flatten().all(|v| v.is_finite()));
    }
}
