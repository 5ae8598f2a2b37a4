// Lays out a CSV edge list with graphology's ForceAtlas2 and writes id,x,y.
// usage: node layout_csv.mjs EDGES.csv ITERATIONS OUT.csv
import fs from 'node:fs';
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';

const [input, iterations = '500', out = 'positions.csv'] = process.argv.slice(2);
const graph = new Graph({ type: 'undirected', multi: false });
let seed = 7;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
for (const line of fs.readFileSync(input, 'utf8').split('\n').slice(1)) {
  const [a, b, w] = line.split(',');
  if (!b) continue;
  for (const n of [a, b]) if (!graph.hasNode(n)) graph.addNode(n, { x: rand() * 100, y: rand() * 100 });
  if (a !== b && !graph.hasEdge(a, b)) graph.addEdge(a, b, { weight: Number(w ?? 1) });
}
const settings = { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: true };
forceAtlas2.assign(graph, { iterations: Number(iterations), settings });
const rows = ['id,x,y'];
graph.forEachNode((n, a) => rows.push(`${n},${a.x},${a.y}`));
fs.writeFileSync(out, rows.join('\n') + '\n');
