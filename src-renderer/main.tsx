import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { detectAppApi } from './api/app-api-context';
import { App } from './app/App';
import './global.css';

const root = document.getElementById('root');
if (!root) throw new Error('missing #root');
createRoot(root).render(
  <StrictMode>
    <App api={detectAppApi()} />
  </StrictMode>,
);
