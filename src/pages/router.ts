import express, { Router } from 'express';
import { fileURLToPath } from 'node:url';

const dir = (name: string) => fileURLToPath(new URL(`./${name}/`, import.meta.url));

/**
 * The two pages are plain HTML + ES modules served by the app itself: no build step, no CDN, nothing
 * fetched from the internet at runtime. /app is the teacher page, /inspector the operator inspector.
 */
export function createPagesRouter(): Router {
  const router = Router();
  router.use('/app', express.static(dir('app'), { index: 'index.html' }));
  router.use('/inspector', express.static(dir('inspector'), { index: 'index.html' }));
  router.use('/pages/shared', express.static(dir('shared')));
  router.use('/pages/vendor/xstate-store', express.static(fileURLToPath(new URL('../../node_modules/@xstate/store/dist/', import.meta.url))));
  return router;
}
