/** The OIDC pages in the operator console (src/areas/admin/index.ts spreads these). */
import type { RouteRecordRaw } from 'vue-router'

export const oidcAdminRoutes: RouteRecordRaw[] = [
  {
    path: 'oidc-clients',
    name: 'oidc-admin-clients',
    component: () => import('./AdminOidcClientsPage.vue'),
    meta: { titleKey: 'oidc.clients_title' },
  },
]

export const oidcAdminNav = [{ to: '/admin/oidc-clients', labelKey: 'oidc.clients_nav' }] as const
