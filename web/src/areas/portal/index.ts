import type { Area } from '../../shell/area'
import { catalogNav, catalogRoutes } from '../../modules/catalog/routes'
import { delegationNav, delegationRoutes } from '../../modules/delegation/routes'
import { loginRoutes } from '../../modules/identity/LoginRoutes'

/** 政务服务门户: the public and resident/enterprise portal at `/`. */
export const portalArea: Area = {
  id: 'portal',
  nameKey: 'area.portal',
  home: '/',
  nav: [
    { to: '/', labelKey: 'nav.portal_home' },
    ...catalogNav,
    { to: '/account', labelKey: 'identity.auth_account_nav' },
    ...delegationNav,
    { to: '/account/access-log', labelKey: 'identity.access_log_nav' },
  ],
  routes: [
    {
      path: '',
      name: 'portal-home',
      component: () => import('./PortalHome.vue'),
      meta: { titleKey: 'portal.title' },
    },
    ...catalogRoutes,
    ...delegationRoutes,
    ...loginRoutes,
    {
      path: 'account/access-log',
      name: 'identity-access-log',
      component: () => import('../../modules/identity/AccessLogPage.vue'),
      meta: { titleKey: 'identity.access_log_title' },
    },
  ],
}
