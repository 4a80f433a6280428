// `voxloop analyze` and `voxloop train`: the command-line contract scripts and quality checks
// rely on (one result line per input line, in order; models round-trip; exit codes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN } from './lib/server.mjs';

function run(args, input = '') {
  const result = spawnSync(BIN, args, { input, maxBuffer: 256 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout.toString('utf8'), stderr: result.stderr.toString('utf8') };
}

function lines(stdout) {
  assert.ok(stdout.endsWith('\n'), 'output ends with a newline');
  return stdout.slice(0, -1).split('\n');
}

function tempDir() {
  return mkdtempSync(join(tmpdir(), 'voxloop-analyze-'));
}

const trainingTsv = [
  ['giao hàng chậm quá, thất vọng', 'negative'], ['sản phẩm tệ, hàng bị hỏng', 'negative'],
  ['送货太慢了，很失望', 'negative'], ['质量很差，坏了', 'negative'],
  ['terrible service and slow delivery', 'negative'], ['broken on arrival, awful', 'negative'],
  ['giao hàng nhanh, rất hài lòng', 'positive'], ['sản phẩm tốt tuyệt vời', 'positive'],
  ['送货很快，非常满意', 'positive'], ['质量很好，满意', 'positive'],
  ['great service and fast delivery', 'positive'], ['excellent quality, happy', 'positive'],
].map(([text, label]) => `${text}\t${label}`).join('\n') + '\n';

test('language answers one code per line, in order', () => {
  const { status, stdout } = run(['analyze', '--task', 'language'],
    'Giao hàng quá chậm, tôi rất thất vọng về dịch vụ\n送货太慢了，我很失望\nThe delivery was very late and the box was damaged\n');
  assert.equal(status, 0);
  assert.deepEqual(lines(stdout), ['vi', 'zh', 'en']);
});

test('pii answers the redacted text', () => {
  const { status, stdout } = run(['analyze', '--task', 'pii'], 'write to an.nguyen@example.vn please\nno pii here\n');
  assert.equal(status, 0);
  const [first, second] = lines(stdout);
  assert.ok(first.includes('[EMAIL]') && !first.includes('example.vn'), first);
  assert.equal(second, 'no pii here');
});

test('built-in sentiment answers negative, neutral or positive for every line, empty ones too', () => {
  const input = 'Sản phẩm rất tốt, tôi rất hài lòng\n\n质量很差，非常失望\nWorst airline ever, terrible service\n';
  const { status, stdout } = run(['analyze', '--task', 'sentiment'], input);
  assert.equal(status, 0);
  const out = lines(stdout);
  assert.equal(out.length, 4);
  for (const label of out) assert.match(label, /^(negative|neutral|positive)$/);
  assert.equal(out[0], 'positive');
  assert.equal(out[2], 'negative');
  assert.equal(out[3], 'negative');
});

test('topic answers the matched taxonomy paths, an empty line when none', () => {
  const { status, stdout } = run(['analyze', '--task', 'topic'], 'giao hàng quá chậm\n\n');
  assert.equal(status, 0);
  const out = lines(stdout);
  assert.equal(out.length, 2);
  assert.equal(out[1], '');
  for (const path of out[0].split(',').filter(Boolean)) assert.match(path, /^[a-z0-9_\-/]+$/);
});

test('--format json writes the full analysis per line', () => {
  const { status, stdout } = run(['analyze', '--task', 'sentiment', '--format', 'json'],
    'Giao hàng chậm, gọi 0912 345 678\nGreat product!\n');
  assert.equal(status, 0);
  const out = lines(stdout).map((line) => JSON.parse(line));
  assert.equal(out.length, 2);
  for (const analysis of out) {
    for (const key of ['language', 'sentiment', 'topics', 'key_phrases', 'redacted_text', 'pii_kinds']) {
      assert.ok(key in analysis, key);
    }
    assert.match(analysis.sentiment.label, /^(negative|neutral|positive)$/);
    assert.equal(typeof analysis.sentiment.score, 'number');
    assert.equal(analysis.sentiment.source, 'builtin');
  }
  assert.equal(out[0].language, 'vi');
  assert.ok(out[0].redacted_text.includes('[PHONE]'), out[0].redacted_text);
  assert.deepEqual(out[0].pii_kinds, ['phone']);
});

test('invalid UTF-8 and carriage returns do not break the line count', () => {
  const input = Buffer.concat([Buffer.from('ok\r\n'), Buffer.from([0xff, 0xfe, 0x41, 0x0a]), Buffer.from([0xc3, 0x0a])]);
  for (const task of ['sentiment', 'topic', 'language', 'pii']) {
    const { status, stdout } = run(['analyze', '--task', task], input);
    assert.equal(status, 0, task);
    assert.equal(lines(stdout).length, 3, task);
  }
  const { stdout } = run(['analyze', '--task', 'pii'], input);
  assert.equal(lines(stdout)[1], '\uFFFD\uFFFDA');
});

test('100k lines in give 100k lines out', () => {
  const texts = ['giao hàng chậm', '很好吃', 'late flight again', '', 'email me at a@b.co'];
  const input = Array.from({ length: 100000 }, (_, idx) => `${texts[idx % texts.length]} ${idx % 7 ? '' : idx}`).join('\n') + '\n';
  const { status, stdout } = run(['analyze', '--task', 'language'], input);
  assert.equal(status, 0);
  const out = lines(stdout);
  assert.equal(out.length, 100000);
  assert.equal(out[1], 'zh');
});

test('train then analyze --model answers with the trained labels', () => {
  const dir = tempDir();
  try {
    writeFileSync(join(dir, 'train.tsv'), trainingTsv + '\n\n');
    const model = join(dir, 'sentiment.bin');
    const trained = run(['train', '--task', 'sentiment', '--input', join(dir, 'train.tsv'), '--output', model,
      '--epochs', '50']);
    assert.equal(trained.status, 0, trained.stderr);
    assert.match(trained.stderr, /12 examples/);
    const { status, stdout } = run(['analyze', '--task', 'sentiment', '--model', model],
      'hàng hỏng, thất vọng\n非常满意\nexcellent and fast\n\n');
    assert.equal(status, 0);
    assert.deepEqual(lines(stdout), ['negative', 'positive', 'positive', lines(stdout)[3]]);
    assert.match(lines(stdout)[3], /^(negative|positive)$/);

    // The same model as workspace data: serving defaults to the model.
    copyFileSync(model, join(dir, 'sentiment.bin'));
    const json = run(['analyze', '--task', 'sentiment', '--workspace-data', dir, '--format', 'json'], '非常满意\n');
    assert.equal(json.status, 0, json.stderr);
    assert.match(JSON.parse(lines(json.stdout)[0]).sentiment.source, /^model:/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('train reports the line without a tab and fails', () => {
  const dir = tempDir();
  try {
    writeFileSync(join(dir, 'bad.tsv'), 'good\tpositive\n\nno tab here\n');
    const result = run(['train', '--task', 'topic', '--input', join(dir, 'bad.tsv'), '--output', join(dir, 'm.bin')]);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /bad\.tsv:3/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a corrupt model file is a failure, not a crash', () => {
  const dir = tempDir();
  try {
    writeFileSync(join(dir, 'corrupt.bin'), Buffer.alloc(4096, 7));
    const result = run(['analyze', '--task', 'topic', '--model', join(dir, 'corrupt.bin')], 'hello\n');
    assert.equal(result.status, 1);
    assert.match(result.stderr, /model/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bad usage exits 2', () => {
  const cases = [
    ['analyze'],
    ['analyze', '--task', 'emotion'],
    ['analyze', '--task', 'language', '--format', 'xml'],
    ['analyze', '--task', 'language', '--model', '/dev/null'],
    ['analyze', '--task', 'language', '--bogus'],
    ['train', '--task', 'language', '--input', 'a.tsv', '--output', 'm.bin'],
    ['train', '--task', 'sentiment'],
  ];
  for (const args of cases) {
    const result = run(args, 'text\n');
    assert.equal(result.status, 2, args.join(' '));
    assert.equal(result.stdout, '', args.join(' '));
  }
});
