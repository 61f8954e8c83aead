/** The course, in order. Each lesson is one file of data beside this one. */
import { httpToWebsocket } from './01-http-to-websocket';
import { openingHandshake } from './02-opening-handshake';
import { accept } from './03-accept';
import { firstTwoBytes } from './04-first-two-bytes';
import { lengths } from './05-lengths';
import { masking } from './06-masking';
import { fragmentation } from './07-fragmentation';
import { controlFrames } from './08-control-frames';
import { closing } from './09-closing';
import { utf8 } from './10-utf8';
import { compression } from './11-compression';
import { security } from './12-security';
import { capture } from './13-capture';
import { http2Http3 } from './14-http2-http3';
import type { Lesson } from './types';

export const LESSONS: readonly Lesson[] = [
  httpToWebsocket,
  openingHandshake,
  accept,
  firstTwoBytes,
  lengths,
  masking,
  fragmentation,
  controlFrames,
  closing,
  utf8,
  compression,
  security,
  capture,
  http2Http3,
];

export function findLesson(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
