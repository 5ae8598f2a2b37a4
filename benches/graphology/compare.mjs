// Times graphology's ForceAtlas2 (Barnes–Hut on) on a generated scale-free
// graph and writes the same graph as a CSV edge list, so `knowmap layout`
// can be timed on identical input. Not part of `cargo test`; see run.sh.
//
// usage: node compare.mjs NODES ITERATIONS OUT.csv
import fs from 'node:fs';
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';

const n = Number(process.argv[2] ?? 10000);
const iterations = Number(process.argv[3] ?? 20);
const out = process.argv[4] ?? 'edges.csv';

// Preferential attachment, 5 edges per new node: average degree ~10.
let seed = 12345;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const graph = new Graph({ type: 'undirected', multi: false });
const ends = [];
const lines = ['source,target,weight'];
for (let i = 0; i < n; i++) {
  graph.addNode(String(i), { x: rand() * 1000, y: rand() * 1000 });
  for (let k = 0; k < Math.min(5, i); k++) {
    const j = ends.length ? ends[Math.floor(rand() * ends.length)] : 0;
    if (j === i || graph.hasEdge(String(i), String(j))) continue;
    graph.addEdge(String(i), String(j), { weight: 1 });
    ends.push(i, j);
    lines.push(`${i},${j},1`);
  }
}
fs.writeFileSync(out, lines.join('\n') + '\n');
// Same Barnes–Hut accuracy as knowmap's default (Gephi's θ = 1.2).
const settings = { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: true, barnesHutTheta: 1.2 };
forceAtlas2.assign(graph, { iterations: 2, settings }); // warm up the JIT
const start = process.hrtime.bigint();
forceAtlas2.assign(graph, { iterations, settings });
const ms = Number(process.hrtime.bigint() - start) / 1e6 / iterations;
console.log(`graphology: ${graph.order} nodes, ${graph.size} edges, ${ms.toFixed(2)} ms per iteration`);
