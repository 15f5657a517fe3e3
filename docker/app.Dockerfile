# The API (with the built UI) and the workers: one image, two commands.
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src src
COPY workers workers
COPY bpmn bpmn
COPY modeler-ui modeler-ui
RUN npm run build

FROM node:20-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm install --omit=dev --no-audit --no-fund
COPY --from=build /app/dist dist
COPY --from=build /app/modeler-ui/dist modeler-ui/dist
COPY bpmn bpmn
USER node
EXPOSE 3000
CMD ["node", "dist/src/main.js"]
