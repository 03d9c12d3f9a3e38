import { Alert } from 'antd';
import { useEffect, useState } from 'react';

/** Says so while the browser has no network, so a failing save is not a mystery. */
export function OfflineBanner() {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, []);
  return online ? null : <Alert type="warning" banner title="网络已断开：已填写的内容不会丢失，恢复网络后再提交。" />;
}
