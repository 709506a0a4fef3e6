/**
 * The few extension APIs the player uses, as Chromium documents them (Manifest V3, promise
 * forms). Written here because @types/chrome is not a dependency of the project: keep each
 * signature to what Chromium really accepts and answers.
 */
declare namespace chrome {
  namespace runtime {
    interface MessageSender {
      tab?: tabs.Tab
      frameId?: number
      id?: string
      url?: string
    }
    interface OnMessage {
      /** Return true to answer later through `sendResponse`. */
      addListener(
        callback: (
          message: unknown,
          sender: MessageSender,
          sendResponse: (response: unknown) => void,
        ) => boolean | undefined,
      ): void
    }
    const id: string
    const onMessage: OnMessage
    function sendMessage(message: unknown): Promise<unknown>
    function getURL(path: string): string
    function openOptionsPage(): Promise<void>
  }

  namespace tabs {
    interface Tab {
      id?: number
      url?: string
      windowId: number
      active: boolean
    }
    const onRemoved: { addListener(callback: (tabId: number) => void): void }
    function update(tabId: number, properties: { url?: string; active?: boolean }): Promise<Tab>
    function sendMessage(tabId: number, message: unknown): Promise<unknown>
    function get(tabId: number): Promise<Tab>
  }

  namespace action {
    const onClicked: { addListener(callback: (tab: tabs.Tab) => void): void }
  }

  namespace scripting {
    function executeScript(injection: {
      target: { tabId: number; frameIds?: number[] }
      files: string[]
    }): Promise<unknown[]>
  }

  namespace storage {
    interface StorageChange {
      oldValue?: unknown
      newValue?: unknown
    }
    interface StorageArea {
      get(keys: string | string[] | null): Promise<Record<string, unknown>>
      set(items: Record<string, unknown>): Promise<void>
      remove(keys: string | string[]): Promise<void>
    }
    /** Kept on disk: the settings, the panel's folded state. */
    const local: StorageArea
    /** Kept in memory until the browser closes; the service worker's memory between wake-ups. */
    const session: StorageArea
    const onChanged: {
      addListener(
        callback: (changes: Record<string, StorageChange>, areaName: string) => void,
      ): void
    }
  }
}
