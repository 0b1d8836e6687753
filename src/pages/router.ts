import express, { Router } from 'express';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = (name: string) => fileURLToPath(new URL(`./${name}/`, import.meta.url));
// Resolved through the package, not a path relative to this file, so it works from dist/ too (issue 15).
const xstateStoreDist = path.join(path.dirname(createRequire(import.meta.url).resolve('@xstate/store/package.json')), 'dist');

/**
 * The two pages are plain HTML + ES modules served by the app itself: no build step, no CDN, nothing
 * fetched from the internet at runtime. /app is the teacher page, /inspector the operator inspector.
 */
export function createPagesRouter(): Router {
  const router = Router();
  router.use('/app', express.static(dir('app'), { index: 'index.html' }));
  router.use('/inspector', express.static(dir('inspector'), { index: 'index.html' }));
  router.use('/pages/shared', express.static(dir('shared')));
  router.use('/pages/vendor/xstate-store', express.static(xstateStoreDist));
  return router;
}
