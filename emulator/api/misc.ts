// Regions, object-storage credentials and registry push credentials.
import { randomBytes, randomUUID } from 'node:crypto'
import { HttpError, sendJson } from '../http.ts'
import { ORGANIZATION_ID } from '../store.ts'
import type { Route } from './router.ts'

/** One registry id for the emulator's whole life, as a real region has one transient-push registry. */
const REGISTRY_ID = randomUUID()
const PUSH_ACCESS_TTL_MS = 60 * 60 * 1000

export const miscRoutes: Route[] = [
  {
    method: 'GET',
    template: '/api/regions',
    throttler: 'authenticated',
    async handle(r) {
      // §1.4/§3.5: build logs are served at `{proxyUrl}/{sandboxes|snapshots}/{id}/build-logs`
      const proxyUrl = r.ctx.proxyUrl
      sendJson(
        r.res,
        200,
        r.ctx.store.regions.map((region) => ({
          ...region,
          proxyUrl,
          sshGatewayUrl: null,
          snapshotManagerUrl: null,
        })),
      )
    },
  },
  {
    // Temporary S3 credentials for build contexts (§3.3): a fresh set per call, accepted by the emulator's
    // object storage at `${origin}/s3` (path-style, Signature V4 with the session token).
    method: 'GET',
    template: '/api/object-storage/push-access',
    throttler: 'authenticated',
    async handle(r) {
      const storage = r.ctx.objectStorage
      sendJson(r.res, 200, {
        ...storage.issueCredentials(),
        storageUrl: `${r.ctx.origin}/s3`,
        organizationId: ORGANIZATION_ID,
        bucket: storage.bucket,
        region: storage.region,
      })
    },
  },
  {
    // §3.1 (the CLI's `snapshot push`): fresh credentials per call. There is no registry behind them: the
    // emulator fakes image pulls and builds, so a `docker push` to registryUrl fails (see README).
    method: 'GET',
    template: '/api/docker-registry/registry-push-access',
    throttler: 'authenticated',
    async handle(r) {
      const regionId = r.url.searchParams.get('regionId')
      if (regionId && !r.ctx.store.regions.some((region) => region.id === regionId)) {
        throw new HttpError(404, 'Region not found')
      }
      sendJson(r.res, 200, {
        username: `robot$emulator-push-${randomBytes(4).toString('hex')}`,
        secret: randomBytes(24).toString('base64url'),
        registryUrl: new URL(r.ctx.origin).host,
        registryId: REGISTRY_ID,
        project: ORGANIZATION_ID,
        expiresAt: new Date(Date.now() + PUSH_ACCESS_TTL_MS).toISOString(),
      })
    },
  },
]
