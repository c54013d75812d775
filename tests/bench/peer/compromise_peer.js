// compromise_peer.js - the peer in tests/bench/README.md ("Build and scale"):
// compromise (npm) finding people, places and organisations in the same
// JSON Lines stories kg build reads. Prints one JSON line: articles, text
// bytes, entities found and CPU/wall seconds of the extraction alone (file
// reading and JSON parsing are outside the timed region).
//
// Usage: node compromise_peer.js STORIES.jsonl [MAX_ARTICLES]
// Needs `npm install` (package.json here) in this directory, or NODE_PATH
// pointing at a node_modules that holds compromise.
'use strict';
const fs = require('fs');
const nlp = require('compromise');

const path = process.argv[2];
const max = process.argv[3] ? parseInt(process.argv[3], 10) : Infinity;
const texts = [];
for (const line of fs.readFileSync(path, 'utf8').split('\n')) {
  if (!line.trim()) continue;
  if (texts.length >= max) break;
  texts.push(JSON.parse(line).text || '');
}
let bytes = 0, found = 0;
const cpu0 = process.cpuUsage(), t0 = process.hrtime.bigint();
for (const t of texts) {
  bytes += Buffer.byteLength(t, 'utf8');
  const doc = nlp(t);
  found += doc.people().length + doc.places().length + doc.organizations().length;
}
const cpu = process.cpuUsage(cpu0), wall = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(JSON.stringify({articles: texts.length, bytes, entities: found,
                            cpu_s: (cpu.user + cpu.system) / 1e6, wall_s: wall}));
