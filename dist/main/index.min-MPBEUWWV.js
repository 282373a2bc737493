import { createRequire as __createRequire } from 'node:module';
import { dirname as __pathDirname } from 'node:path';
import { fileURLToPath as __fileURLToPath } from 'node:url';
const require = __createRequire(import.meta.url);
const __bundleFilename = __fileURLToPath(import.meta.url);
const __bundleDirname = __pathDirname(__bundleFilename);
import {
  $e,
  Ct,
  F,
  Hi,
  Oo,
  Qi,
  Qn,
  So,
  Xt,
  de,
  ft,
  kt,
  ni,
  oi,
  pi,
  rt,
  vt,
  wt,
  xe
} from "./chunk-C7QP47MN.js";
import "./chunk-YT7LVCV5.js";
import "./chunk-IO2VXFRS.js";
import "./chunk-3NDCYET4.js";
import "./chunk-QLYWY7VR.js";
export {
  F as Header,
  wt as Pack,
  pi as PackJob,
  kt as PackSync,
  rt as Parser,
  ft as Pax,
  $e as ReadEntry,
  Xt as Unpack,
  xe as UnpackSync,
  de as WriteEntry,
  ni as WriteEntrySync,
  oi as WriteEntryTar,
  Qn as c,
  Qn as create,
  So as extract,
  Qi as filesFilter,
  Ct as list,
  vt as r,
  vt as replace,
  Ct as t,
  Hi as types,
  Oo as u,
  Oo as update,
  So as x
};
