/**
 * An area is one of the three faces of the application — the public and resident/enterprise
 * portal (`/`), the staff workbench (`/staff`), the operator console (`/admin`) — with its own
 * header name and navigation. Each is defined in src/areas/<area>/index.ts.
 */
import type { RouteRecordRaw } from 'vue-router'
import type { MessageKey } from '../i18n'

export type AreaId = 'portal' | 'staff' | 'admin'

export interface NavItem {
  /** Absolute path inside the SPA. */
  readonly to: string
  readonly labelKey: MessageKey
  /** When given, shown only to a caller holding one of these roles (the server still decides). */
  readonly roles?: readonly string[]
}

export interface Area {
  readonly id: AreaId
  readonly nameKey: MessageKey
  /** The area's home path: `/`, `/staff`, `/admin`. */
  readonly home: string
  /** The area's main navigation; module pages add their entries here. */
  readonly nav: readonly NavItem[]
  /** Child routes, relative to `home`. The shell adds the area's 404 route after them. */
  readonly routes: readonly RouteRecordRaw[]
}

declare module 'vue-router' {
  interface RouteMeta {
    /** Page title (the part before " - 通办"). */
    titleKey?: MessageKey
  }
}
