// A scoring worker thread: parses, scores and renders the pieces of text the reader thread sends, and
// replies with UTF-8 bytes (transferred, not copied) plus rejects, import rows and counts.
import { parentPort, workerData } from 'node:worker_threads';
import { errorToWire } from '../errors.js';
import { setLang } from '../i18n/index.js';
import { fromWire, scorePiece, type WireSetup, type WorkerReply } from './pipeline.js';
import { Scorer } from './scorer.js';

const wire = workerData as WireSetup;
setLang(wire.lang);
const scorer = new Scorer(fromWire(wire));

parentPort!.on('message', (msg: { id: number; texts: string[]; bad: boolean; startLine: number }) => {
  let reply: WorkerReply;
  const transfer: ArrayBuffer[] = [];
  try {
    const scored = scorePiece(scorer, msg, wire.delimiter);
    transfer.push(scored.rendered.buffer as ArrayBuffer);
    reply = { id: msg.id, ...scored };
  } catch (err) {
    reply = { id: msg.id, error: errorToWire(err) };
  }
  parentPort!.postMessage(reply, transfer);
});
