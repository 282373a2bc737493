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
    // Temporary S3 credentials for build contexts (§3.3). The emulator's S3 endpoint arrives with the
    // snapshot-cache work; until then storageUrl points at `${origin}/s3`.
    method: 'GET',
    template: '/api/object-storage/push-access',
    throttler: 'authenticated',
    async handle(r) {
      sendJson(r.res, 200, {
        accessKey: 'emulator-access-key',
        secret: 'emulator-secret-key',
        sessionToken: 'emulator-session-token',
        storageUrl: `${r.ctx.origin}/s3`,
        organizationId: ORGANIZATION_ID,
        bucket: 'daytona-volume-builds',
        region: 'us-east-1',
      })
    },
  },
]
