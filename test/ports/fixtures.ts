// Paths and unit texts shared by the port tests: one host (h1) with users alice and bob and root.

import { lines } from '../helpers/text';

export const ALICE = 'hosts/h1/home/alice/.config/containers/systemd/';
export const BOB = 'hosts/h1/home/bob/.config/containers/systemd/';
export const ROOT = 'hosts/h1/etc/containers/systemd/';
export const BOB_SYSTEMD = 'hosts/h1/home/bob/.config/systemd/user/';
export const OTHER_HOST = 'hosts/h2/home/bob/.config/containers/systemd/';

/** A .container with an image and the given [Container] lines (line 2 is the first given). */
export function container(...body: string[]): string {
  return lines('[Container]', 'Image=docker.io/library/nginx:1', ...body);
}

export function socket(...body: string[]): string {
  return lines('[Socket]', ...body);
}
