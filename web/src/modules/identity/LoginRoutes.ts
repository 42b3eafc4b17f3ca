/** The authentication pages in the portal area (src/areas/portal/index.ts spreads these). */
import type { RouteRecordRaw } from 'vue-router'

export const loginRoutes: RouteRecordRaw[] = [
  {
    path: 'login',
    name: 'identity-login',
    component: () => import('./LoginPage.vue'),
    meta: { titleKey: 'identity.auth_login_title' },
  },
  {
    path: 'register',
    name: 'identity-register',
    component: () => import('./RegisterPage.vue'),
    meta: { titleKey: 'identity.auth_register_title' },
  },
  {
    path: 'password-reset',
    name: 'identity-password-reset',
    component: () => import('./PasswordResetPage.vue'),
    meta: { titleKey: 'identity.auth_reset_title' },
  },
  {
    path: 'account',
    name: 'identity-account',
    component: () => import('./AccountPage.vue'),
    meta: { titleKey: 'identity.auth_account_title' },
  },
  {
    path: 'dev/inbox',
    name: 'identity-dev-inbox',
    component: () => import('./DevInboxPage.vue'),
    meta: { titleKey: 'identity.auth_inbox_title' },
  },
]
