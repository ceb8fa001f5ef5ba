// Regenerates expected_ids.json, the reference token ids for corpus.txt, with the npm
// `tiktoken` package (its wasm build of OpenAI's tiktoken):
//   mkdir -p /tmp/tt && tar xzf tiktoken-1.0.22.tgz -C /tmp/tt
//   node tests/data/tokenize/generate_expected.js /tmp/tt/package > tests/data/tokenize/expected_ids.json
// Cases in corpus.txt are separated by a line "----8<----"; ids come from encode_ordinary
// (special-token text is ordinary text), the same as BpeEncoding::encode.
const fs = require("fs");
const path = require("path");
const pkg = path.resolve(process.argv[2]);
const { get_encoding } = require(path.join(pkg, "tiktoken.cjs"));
const corpus = fs.readFileSync(path.join(__dirname, "corpus.txt"), "utf8");
const cases = corpus.split("\n----8<----\n");
const out = { tiktoken_version: require(path.join(pkg, "package.json")).version, cases: cases.length };
for (const name of ["cl100k_base", "o200k_base"]) {
  const enc = get_encoding(name);
  out[name] = cases.map((c) => Array.from(enc.encode_ordinary(c)));
  enc.free();
}
process.stdout.write(JSON.stringify(out) + "\n");
