import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Public } from '../module-kit/security/decorators';

/** The page's files: plain HTML, CSS and browser JavaScript, copied to dist/ as they are (see package.json's build). */
const PUBLIC_DIR = join(__dirname, 'public');
const FILES = new Set(readdirSync(PUBLIC_DIR));
const TYPES: Record<string, string> = { html: 'text/html', css: 'text/css', js: 'text/javascript' };

/**
 * Serves the dashboard's static files, without a token: they hold no data. Scripts and styles are files of
 * this origin, never inline, as the Content-Security-Policy (script-src 'self') requires.
 */
@Public()
@ApiExcludeController()
@Controller('dashboard')
export class DashboardPageController {
  @Get()
  page(@Res() response: Response): void {
    send(response, 'index.html');
  }

  @Get(':file')
  file(@Param('file') file: string, @Res() response: Response): void {
    if (!FILES.has(file) || file === 'index.html') throw new NotFoundException(`The dashboard has no file ${file}.`);
    send(response, file);
  }
}

function send(response: Response, file: string): void {
  const type = TYPES[file.slice(file.lastIndexOf('.') + 1)] ?? 'application/octet-stream';
  // no-cache: revalidated each time (by its ETag), so a new version of the page is never mixed with an old script.
  response.sendFile(file, { root: PUBLIC_DIR, headers: { 'Content-Type': `${type}; charset=utf-8`, 'Cache-Control': 'no-cache' } });
}
