// Loaded by font-rest.tsx after hydration (a CSS chunk of its own, not in the render-blocking stylesheet).
import "pretendard/dist/web/variable/pretendardvariable-dynamic-subset.css";
