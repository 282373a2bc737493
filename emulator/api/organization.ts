// GET /organizations/{organizationId}/usage (v0.190 `organization.controller.ts` getUsageOverview, figures from
// `organization-usage.service.ts`): per-region sandbox usage against the totals, and the snapshot count
// against the snapshot quota. An API key answers only for its own organization: another id is a 403.
import { HttpError, sendJson } from '../http.ts'
import { ORGANIZATION_ID, SANDBOX_CLASS } from '../store.ts'
import { regionUsage, snapshotUsage } from './quotas.ts'
import type { Route } from './router.ts'

export const organizationRoutes: Route[] = [
  {
    method: 'GET',
    template: '/api/organizations/{organizationId}/usage',
    throttler: 'authenticated',
    async handle(r) {
      if (r.params.organizationId !== ORGANIZATION_ID) {
        throw new HttpError(403, 'Invalid authentication context')
      }
      const { limits, store } = r.ctx
      sendJson(r.res, 200, {
        regionUsage: store.regions.map((region) => {
          const used = regionUsage(store, region.id)
          return {
            regionId: region.id,
            sandboxClass: SANDBOX_CLASS,
            totalCpuQuota: limits.totalCpu,
            currentCpuUsage: used.cpu,
            totalMemoryQuota: limits.totalMemory,
            currentMemoryUsage: used.memory,
            totalDiskQuota: limits.totalDisk,
            currentDiskUsage: used.disk,
            totalGpuQuota: 0,
            currentGpuUsage: 0,
            maxCpuPerSandbox: limits.maxCpu,
            maxMemoryPerSandbox: limits.maxMemory,
            maxDiskPerSandbox: limits.maxDisk,
            maxDiskPerNonEphemeralSandbox: limits.maxDisk,
            maxCpuPerGpu: null,
            maxMemoryPerGpu: null,
            maxDiskPerGpu: null,
          }
        }),
        totalSnapshotQuota: limits.snapshotQuota,
        currentSnapshotUsage: snapshotUsage(store),
        totalVolumeQuota: 100,
        currentVolumeUsage: 0,
      })
    },
  },
]
