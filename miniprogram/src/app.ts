import type { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';

// NutUI: per-component styles only (the full style.css adds ~300 KB of wxss; docs/domain/platform.md §7.3).
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/switch/style/css';
import './app.scss';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // Nothing to do yet: pages read the session and preferences themselves.
  });
  return children;
}

export default App;
