/** The course, in order, loaded at once (for tests and tools; the app loads each lesson from the catalog). */
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
import { CATALOG } from './catalog';
import { lessonOf, type Lesson, type LessonBody } from './types';

/** Every lesson file's export, in the catalog's order. */
export const LESSON_BODIES: readonly LessonBody[] = [
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

export const LESSONS: readonly Lesson[] = CATALOG.map((meta, i) => lessonOf(meta, LESSON_BODIES[i]!));
