// Regions and object-storage credentials.
import { sendJson } from '../http.ts'
import { ORGANIZATION_ID } from '../store.ts'
import type { Route } from './router.ts'

export const miscRoutes: Route[] = [
  {
    method: 'GET',
    template: '/api/regions',
    throttler: 'authenticated',
    async handle(r) {
      const proxyUrl = r.ctx.origin
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
]
