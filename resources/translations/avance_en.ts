<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="es_CL">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="267"/>
        <source>Región → año → formulario</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="269"/>
        <source>Navegador</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="280"/>
        <source>Valor no válido</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="285"/>
        <location filename="../../ui/main_window.py" line="301"/>
        <source>Abriendo la base de datos…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="293"/>
        <source>Puntaje</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="307"/>
        <source>Elija una región, un año y un formulario en el navegador.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="308"/>
        <source>Listo. Los cambios se guardan al editar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="324"/>
        <source>&amp;Archivo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="326"/>
        <source>&amp;Vista previa…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="327"/>
        <source>Muestra el formulario abierto tal como se imprime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="330"/>
        <source>&amp;Imprimir…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="331"/>
        <source>Imprime el formulario abierto en el formato oficial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="334"/>
        <source>&amp;Exportar PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="335"/>
        <source>Guarda el formulario abierto como PDF oficial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="338"/>
        <source>Imprimir la región (todos los formularios)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="341"/>
        <source>Exportar la región a PDF (todos los formularios)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="344"/>
        <source>Exportar la consolidación nacional a PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="345"/>
        <source>Desempeño de cada región por programa, barra del 90 % y resultado del servicio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="348"/>
        <source>Exportar la nación a PDF (todas las regiones y la consolidación)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="352"/>
        <source>Exportar Excel de la región…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="353"/>
        <source>Libro Excel con los formularios oficiales, fórmulas vivas y los identificadores para reimportar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="356"/>
        <source>Exportar Excel nacional…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="359"/>
        <source>Importar Excel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="360"/>
        <source>Importa un libro exportado por Avance o en el formato oficial; todo o nada</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="372"/>
        <source>&amp;Papel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="376"/>
        <source>{0} (horizontal)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="383"/>
        <source>&amp;Salir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="391"/>
        <source>&amp;Editar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="392"/>
        <source>Deshacer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="394"/>
        <source>Rehacer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="399"/>
        <source>Marcar «Cumple: Sí»</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="400"/>
        <source>Marcar «Cumple: No»</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="401"/>
        <source>Quitar «Cumple/no cumple»</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="405"/>
        <source>A&amp;yuda</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="406"/>
        <source>&amp;Acerca de Avance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="493"/>
        <source>El análisis del avance (III.4) no se puntúa: el puntaje está en III.1, III.2 y III.3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="497"/>
        <location filename="../../ui/main_window.py" line="628"/>
        <location filename="../../ui/main_window.py" line="667"/>
        <location filename="../../ui/main_window.py" line="717"/>
        <source>Avance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="538"/>
        <source>No se guardó el cambio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="540"/>
        <source>Editar {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="543"/>
        <source>Guardado: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="563"/>
        <source>Seleccione una fila de actividad.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="575"/>
        <source>Papel: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="584"/>
        <source>Imprimiendo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="602"/>
        <source>PDF guardado en {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="608"/>
        <location filename="../../ui/main_window.py" line="660"/>
        <source>No se pudo imprimir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="628"/>
        <location filename="../../ui/main_window.py" line="667"/>
        <location filename="../../ui/main_window.py" line="717"/>
        <source>Abra primero un formulario.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="645"/>
        <source>todos los formularios de la región</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="646"/>
        <source>Preparando {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="662"/>
        <source>Enviadas {0} páginas a la impresora.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="669"/>
        <source>PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="674"/>
        <source>Exportar PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="676"/>
        <source>Imprimiendo {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="682"/>
        <source>Exportar la región a PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="686"/>
        <source>Imprimiendo los formularios de {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="696"/>
        <source>Exportar a PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="702"/>
        <source>Imprimiendo la consolidación nacional {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="708"/>
        <source>Imprimiendo los formularios de todas las regiones {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="723"/>
        <source>Exportar Excel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="723"/>
        <location filename="../../ui/main_window.py" line="737"/>
        <source>Excel (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="728"/>
        <source>Exportando a Excel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="729"/>
        <source>Excel guardado en {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="737"/>
        <location filename="../../ui/main_window.py" line="756"/>
        <location filename="../../ui/main_window.py" line="766"/>
        <source>Importar Excel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="757"/>
        <source>«{0}» tiene {1} problema(s); no se importó nada. Corríjalos y vuelva a importar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="767"/>
        <source>La base de datos ya tiene {0}. ¿Reemplazarlo con el contenido del libro?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="768"/>
        <source>Reemplazar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="771"/>
        <source>Importando {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="783"/>
        <source>Revisando {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="789"/>
        <source>Acerca de Avance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="791"/>
        <source>&lt;b&gt;Avance&lt;/b&gt; 0.1&lt;br&gt;Programas de trabajo regionales de los sistemas PMG Gestión Territorial y Enfoque de Género (Etapa 3: formularios III.1 a III.4), fuera de línea.&lt;br&gt;&lt;br&gt;Base de datos: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <location filename="../../ui/printing.py" line="93"/>
        <source>Vista previa</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PerformanceBar</name>
    <message>
        <location filename="../../ui/scoring_panel.py" line="24"/>
        <source>El programa se valida con un desempeño de 90 % o más (nota 11).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProblemsDialog</name>
    <message>
        <location filename="../../ui/dialogs.py" line="35"/>
        <source>Copiar</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProgrammePage</name>
    <message>
        <location filename="../../ui/main_window.py" line="139"/>
        <source>Identificación de la instancia de complementariedad</source>
        <extracomment>Column widths in pixels by field, for the form tables.</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProgressPage</name>
    <message>
        <location filename="../../ui/main_window.py" line="210"/>
        <source>Trimestre {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="211"/>
        <source>Fecha de medición del análisis del avance («a la fecha»)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="215"/>
        <source>Análisis al:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScoringPanel</name>
    <message>
        <location filename="../../ui/scoring_panel.py" line="82"/>
        <source>Ponderaciones (8):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/scoring_panel.py" line="83"/>
        <source>Ponderación ganada (10):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/scoring_panel.py" line="84"/>
        <source>Desempeño anual región (11):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/scoring_panel.py" line="90"/>
        <source>Advertencias</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/scoring_panel.py" line="98"/>
        <source>Seleccione un programa de trabajo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/scoring_panel.py" line="106"/>
        <source>  (deben sumar 100 %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/scoring_panel.py" line="113"/>
        <source>✔ Programa válido: alcanza el 90 % (nota 11).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/scoring_panel.py" line="116"/>
        <source>✘ Bajo el 90 %: el programa no se valida (nota 11).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../../desktop/app.py" line="77"/>
        <source>La base de datos se actualizó a esta versión; copia de respaldo: {0}</source>
        <extracomment>Set by the start-up benchmark to the launch time (``time.time()``): the app prints the milliseconds from launch to the first paint and to the data shown, then quits.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="81"/>
        <source>Base de datos nueva: se cargó el ejemplo {0} {1} (semilla 001).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
