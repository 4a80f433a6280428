import { createRoot } from 'react-dom/client';

function App() {
  return <main><h1>Voxloop</h1><p>Customer feedback, understood.</p></main>;
}

createRoot(document.getElementById('root')!).render(<App />);
