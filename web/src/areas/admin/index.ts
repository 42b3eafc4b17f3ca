import type { Area } from '../../shell/area'
import { oidcAdminNav, oidcAdminRoutes } from '../../modules/oidc/routes'
import { catalogAdminNav, catalogAdminRoutes } from '../../modules/catalog-admin/routes'

/** 运维控制台: the operator console at `/admin`. */
export const adminArea: Area = {
  id: 'admin',
  nameKey: 'area.admin',
  home: '/admin',
  nav: [
    { to: '/admin', labelKey: 'nav.admin_home' },
    { to: '/admin/persons', labelKey: 'identity.accounts_nav_persons' },
    { to: '/admin/enterprises', labelKey: 'identity.accounts_nav_enterprises' },
    { to: '/admin/staff', labelKey: 'identity.accounts_nav_staff' },
    ...oidcAdminNav,
    ...catalogAdminNav,
  ],
  routes: [
    {
      path: '',
      name: 'admin-home',
      component: () => import('./AdminHome.vue'),
      meta: { titleKey: 'admin.title' },
    },
    {
      path: 'persons',
      name: 'identity-admin-persons',
      component: () => import('../../modules/identity/AdminPersonsPage.vue'),
      meta: { titleKey: 'identity.accounts_persons_title' },
    },
    {
      path: 'persons/:personId',
      name: 'identity-admin-person',
      component: () => import('../../modules/identity/AdminPersonDetailPage.vue'),
      meta: { titleKey: 'identity.accounts_person_title' },
    },
    {
      path: 'enterprises',
      name: 'identity-admin-enterprises',
      component: () => import('../../modules/identity/AdminEnterprisesPage.vue'),
      meta: { titleKey: 'identity.accounts_enterprises_title' },
    },
    {
      path: 'staff',
      name: 'identity-admin-staff',
      component: () => import('../../modules/identity/AdminStaffPage.vue'),
      meta: { titleKey: 'identity.accounts_staff_title' },
    },
    ...oidcAdminRoutes,
    ...catalogAdminRoutes,
  ],
}
