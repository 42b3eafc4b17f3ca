/**
 * One request's state for a page: the answer, whether it is loading, the problem if it failed.
 * `run` may be called again (a new route parameter); an answer that arrives after a newer call
 * started is dropped, so a slow first answer never overwrites a fast second one.
 */
import { ref, shallowRef, type Ref, type ShallowRef } from 'vue'
import { ApiError } from './api'

export interface Load<T> {
  data: ShallowRef<T | null>
  loading: Ref<boolean>
  error: ShallowRef<ApiError | null>
  run: () => Promise<void>
}

export function useLoad<T>(fetcher: () => Promise<T>): Load<T> {
  const data = shallowRef<T | null>(null)
  const loading = ref(false)
  const error = shallowRef<ApiError | null>(null)
  let sequence = 0
  async function run(): Promise<void> {
    const mine = ++sequence
    loading.value = true
    error.value = null
    try {
      const answer = await fetcher()
      if (mine === sequence) data.value = answer
    } catch (e) {
      if (mine !== sequence) return
      data.value = null
      error.value =
        e instanceof ApiError ? e : new ApiError(0, 'network', '页面出错，请稍后再试。', 'Something went wrong; try again later.', '')
    } finally {
      if (mine === sequence) loading.value = false
    }
  }
  return { data, loading, error, run }
}
