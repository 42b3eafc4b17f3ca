/** The catalog's pages in the operator console (src/areas/admin/index.ts spreads these). */
import type { RouteRecordRaw } from 'vue-router'

export const catalogAdminRoutes: RouteRecordRaw[] = [
  {
    path: 'catalog/items',
    name: 'catalog-admin-items',
    component: () => import('./ItemsPage.vue'),
    meta: { titleKey: 'catalogAdmin.items_title' },
  },
  {
    path: 'catalog/items/new',
    name: 'catalog-admin-item-new',
    component: () => import('./ItemEditorPage.vue'),
    meta: { titleKey: 'catalogAdmin.new_item' },
  },
  {
    path: 'catalog/items/:code/edit',
    name: 'catalog-admin-item-edit',
    component: () => import('./ItemEditorPage.vue'),
    meta: { titleKey: 'catalogAdmin.edit_item_title' },
  },
  {
    path: 'catalog/items/:code/versions/:version(\\d+)',
    name: 'catalog-admin-item-version',
    component: () => import('./ItemVersionPage.vue'),
    meta: { titleKey: 'catalogAdmin.version_page_title' },
  },
  {
    path: 'catalog/life-events',
    name: 'catalog-admin-life-events',
    component: () => import('./LifeEventsPage.vue'),
    meta: { titleKey: 'catalogAdmin.life_events_title' },
  },
  {
    path: 'catalog/life-events/new',
    name: 'catalog-admin-life-event-new',
    component: () => import('./LifeEventEditorPage.vue'),
    meta: { titleKey: 'catalogAdmin.new_life_event' },
  },
  {
    path: 'catalog/life-events/:code/edit',
    name: 'catalog-admin-life-event-edit',
    component: () => import('./LifeEventEditorPage.vue'),
    meta: { titleKey: 'catalogAdmin.edit_life_event_title' },
  },
  {
    path: 'catalog/transfer',
    name: 'catalog-admin-transfer',
    component: () => import('./TransferPage.vue'),
    meta: { titleKey: 'catalogAdmin.transfer_title' },
  },
]

/** Shown to platform operators and department administrators; life events and transfer to operators. */
export const catalogAdminNav = [
  { to: '/admin/catalog/items', labelKey: 'catalogAdmin.nav_items', roles: ['platform_operator', 'department_admin'] },
  { to: '/admin/catalog/life-events', labelKey: 'catalogAdmin.nav_life_events', roles: ['platform_operator'] },
  { to: '/admin/catalog/transfer', labelKey: 'catalogAdmin.nav_transfer', roles: ['platform_operator'] },
] as const
