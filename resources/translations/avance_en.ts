<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="es_CL">
<context>
    <name>BoardDialog</name>
    <message>
        <location filename="../../ui/sync_panel.py" line="329"/>
        <source>Tablero nacional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="335"/>
        <source>Año de reporte:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="357"/>
        <source>Resolver conflictos…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="358"/>
        <source>Muestra las dos versiones de cada registro en conflicto y deja elegir cuál se conserva</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="361"/>
        <source>Conflictos abiertos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="390"/>
        <source>Trimestre en curso: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="393"/>
        <source>Ninguna región tiene datos de ese año: no hay resultado del servicio.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="396"/>
        <source>Desempeño anual servicio {0} — {1}. Servicio: &lt;b&gt;{2}&lt;/b&gt; (todas las regiones deben llegar al 90 %, nota 12).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="402"/>
        <source>Sin envíos en {0} ({1} de 16): {2}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="405"/>
        <source>Todas las regiones enviaron su paquete en {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="408"/>
        <source>Resuélvalos con «Resolver conflictos…» (también en Ver); hasta entonces se conserva la versión actual y no se pierde ninguna.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="411"/>
        <source>Ningún conflicto abierto.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BoardTableModel</name>
    <message>
        <location filename="../../ui/sync_panel.py" line="283"/>
        <source>Región</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="283"/>
        <source>Clave</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="283"/>
        <source>Último paquete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="283"/>
        <source>Recibido</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="284"/>
        <source>Este trimestre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="296"/>
        <source>inscrita</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="298"/>
        <source>n.º {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="302"/>
        <source>enviado</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="302"/>
        <source>sin envío</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="315"/>
        <source>cumple la barra del 90 % (nota 11)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="316"/>
        <source>bajo la barra del 90 % (nota 11)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="113"/>
        <source>Resolver conflictos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="138"/>
        <location filename="../../ui/conflicts_dialog.py" line="234"/>
        <location filename="../../ui/conflicts_dialog.py" line="255"/>
        <source>Campo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="138"/>
        <location filename="../../ui/conflicts_dialog.py" line="234"/>
        <location filename="../../ui/conflicts_dialog.py" line="245"/>
        <source>Versión actual</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="139"/>
        <location filename="../../ui/conflicts_dialog.py" line="235"/>
        <location filename="../../ui/conflicts_dialog.py" line="246"/>
        <source>Versión entrante</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="155"/>
        <source>Conservar la versión actual</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="156"/>
        <location filename="../../ui/conflicts_dialog.py" line="225"/>
        <source>Conservar la versión entrante</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="160"/>
        <source>La versión que no se conserva se descarta. Para escribir otro valor use «avance bundle resolve … --keep valor».</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="194"/>
        <source>Ningún conflicto abierto: cada registro tiene una sola versión.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="196"/>
        <source>Hay 1 conflicto abierto</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="196"/>
        <source>Hay {0} conflictos abiertos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="198"/>
        <source>{0}: dos instalaciones de una misma región editaron el mismo registro. Hasta que elija, se conserva la versión actual y la otra queda guardada; no se pierde ninguna.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="224"/>
        <source>Aceptar la eliminación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="238"/>
        <source>&lt;b&gt;{0}&lt;/b&gt; del programa {1} (conflicto {2}):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="241"/>
        <source>&lt;b&gt;{0}&lt;/b&gt; de la región de {1} (conflicto {2}):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="248"/>
        <source>elimina el registro</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="250"/>
        <source>editada el {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="255"/>
        <source>Versión actual (se conserva por ahora)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="256"/>
        <source>Versión entrante (de la otra instalación)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="268"/>
        <source>Las dos versiones tienen los mismos valores; solo difiere la fecha de edición.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConflictsTableModel</name>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="50"/>
        <source>Región</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="50"/>
        <source>Tipo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="50"/>
        <source>Registro</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="50"/>
        <source>Programa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="51"/>
        <source>Diferencia</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="81"/>
        <source>la otra instalación lo eliminó</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="83"/>
        <source>eliminado aquí</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="85"/>
        <source>1 campo distinto</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="85"/>
        <source>{0} campos distintos</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportPreviewDialog</name>
    <message>
        <location filename="../../ui/sync_panel.py" line="194"/>
        <source>Exportar respuesta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="194"/>
        <source>Exportar paquete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="196"/>
        <source>&lt;b&gt;Paquete n.º {0}&lt;/b&gt; de la {1} para la {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="200"/>
        <source>Contenido</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="200"/>
        <source>Registros</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="209"/>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="218"/>
        <source>Acuse de recibo: paquetes de la región aplicados hasta el n.º {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="221"/>
        <source>Archivos de medios de verificación: {0} ({1}) que la oficina central aún no tiene.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="223"/>
        <source>El paquete va firmado con la clave de esta oficina y cifrado para la {0}: si se pierde, no revela nada.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="228"/>
        <source>Elegir destino y exportar…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="268"/>
        <source>Región → año → formulario</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="270"/>
        <source>Navegador</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="281"/>
        <source>Valor no válido</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="286"/>
        <location filename="../../ui/main_window.py" line="302"/>
        <source>Abriendo la base de datos…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="294"/>
        <source>Puntaje</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="308"/>
        <source>Elija una región, un año y un formulario en el navegador.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="309"/>
        <source>Listo. Los cambios se guardan al editar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="326"/>
        <source>&amp;Archivo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="328"/>
        <source>&amp;Vista previa…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="329"/>
        <source>Muestra el formulario abierto tal como se imprime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="332"/>
        <source>&amp;Imprimir…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="333"/>
        <source>Imprime el formulario abierto en el formato oficial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="336"/>
        <source>&amp;Exportar PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="337"/>
        <source>Guarda el formulario abierto como PDF oficial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="340"/>
        <source>Imprimir la región (todos los formularios)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="343"/>
        <source>Exportar la región a PDF (todos los formularios)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="346"/>
        <source>Exportar la consolidación nacional a PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="347"/>
        <source>Desempeño de cada región por programa, barra del 90 % y resultado del servicio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="350"/>
        <source>Exportar la nación a PDF (todas las regiones y la consolidación)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="354"/>
        <source>Exportar Excel de la región…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="355"/>
        <source>Libro Excel con los formularios oficiales, fórmulas vivas y los identificadores para reimportar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="358"/>
        <source>Exportar Excel nacional…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="361"/>
        <source>Importar Excel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="362"/>
        <source>Importa un libro exportado por Avance o en el formato oficial; todo o nada</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="378"/>
        <source>&amp;Papel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="382"/>
        <source>{0} (horizontal)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="389"/>
        <source>&amp;Salir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="398"/>
        <source>&amp;Editar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="399"/>
        <source>Deshacer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="401"/>
        <source>Rehacer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="406"/>
        <source>Marcar «Cumple: Sí»</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="407"/>
        <source>Marcar «Cumple: No»</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="408"/>
        <source>Quitar «Cumple/no cumple»</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="414"/>
        <source>&amp;Ver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="416"/>
        <source>A&amp;yuda</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="417"/>
        <source>&amp;Acerca de Avance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="504"/>
        <source>El análisis del avance (III.4) no se puntúa: el puntaje está en III.1, III.2 y III.3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="508"/>
        <location filename="../../ui/main_window.py" line="643"/>
        <location filename="../../ui/main_window.py" line="683"/>
        <location filename="../../ui/main_window.py" line="733"/>
        <source>Avance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="549"/>
        <source>No se guardó el cambio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="551"/>
        <source>Editar {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="554"/>
        <source>Guardado: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="574"/>
        <source>Seleccione una fila de actividad.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="586"/>
        <source>Papel: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="597"/>
        <source>Imprimiendo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="615"/>
        <source>PDF guardado en {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="621"/>
        <location filename="../../ui/main_window.py" line="675"/>
        <source>No se pudo imprimir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="643"/>
        <location filename="../../ui/main_window.py" line="683"/>
        <location filename="../../ui/main_window.py" line="733"/>
        <source>Abra primero un formulario.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="660"/>
        <source>todos los formularios de la región</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="661"/>
        <source>Preparando {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="677"/>
        <source>Enviada 1 página a la impresora.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="678"/>
        <source>Enviadas {0} páginas a la impresora.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="685"/>
        <source>PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="690"/>
        <source>Exportar PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="692"/>
        <source>Imprimiendo {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="698"/>
        <source>Exportar la región a PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="702"/>
        <source>Imprimiendo los formularios de {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="712"/>
        <source>Exportar a PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="718"/>
        <source>Imprimiendo la consolidación nacional {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="724"/>
        <source>Imprimiendo los formularios de todas las regiones {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="739"/>
        <source>Exportar Excel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="739"/>
        <location filename="../../ui/main_window.py" line="753"/>
        <source>Excel (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="744"/>
        <source>Exportando a Excel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="745"/>
        <source>Excel guardado en {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="753"/>
        <location filename="../../ui/main_window.py" line="772"/>
        <location filename="../../ui/main_window.py" line="784"/>
        <source>Importar Excel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="773"/>
        <source>«{0}» tiene 1 problema; no se importó nada. Corríjalo y vuelva a importar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="775"/>
        <source>«{0}» tiene {1} problemas; no se importó nada. Corríjalos y vuelva a importar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="785"/>
        <source>La base de datos ya tiene {0}. ¿Reemplazarlo con el contenido del libro?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="786"/>
        <source>Reemplazar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="789"/>
        <source>Importando {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="801"/>
        <source>Revisando {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="807"/>
        <source>Acerca de Avance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="809"/>
        <source>&lt;b&gt;Avance&lt;/b&gt; 0.1&lt;br&gt;Programas de trabajo regionales de los sistemas PMG Gestión Territorial y Enfoque de Género (Etapa 3: formularios III.1 a III.4), fuera de línea.&lt;br&gt;&lt;br&gt;Base de datos: {0}</source>
        <translation type="unfinished"></translation>
    </message>
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
        <location filename="../../ui/dialogs.py" line="37"/>
        <source>Copiar</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProgrammePage</name>
    <message>
        <location filename="../../ui/main_window.py" line="140"/>
        <source>Identificación de la instancia de complementariedad</source>
        <extracomment>Column widths in pixels by field, for the form tables.</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProgressPage</name>
    <message>
        <location filename="../../ui/main_window.py" line="211"/>
        <source>Trimestre {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="212"/>
        <source>Fecha de medición del análisis del avance («a la fecha»)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="216"/>
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
    <name>SyncController</name>
    <message>
        <location filename="../../ui/sync_actions.py" line="159"/>
        <source>&amp;Oficina</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="113"/>
        <location filename="../../ui/sync_actions.py" line="119"/>
        <location filename="../../ui/sync_actions.py" line="226"/>
        <source>Sincronización</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="90"/>
        <source>Configurar oficina…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="91"/>
        <source>Configura esta instalación como oficina regional o central (claves de firma y cifrado)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="92"/>
        <source>Exportar claves públicas…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="93"/>
        <source>Archivo de claves públicas para la otra oficina</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="94"/>
        <source>Incorporar claves de otra oficina…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="95"/>
        <source>Agrega las claves públicas de otra oficina al almacén de confianza</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="96"/>
        <source>Exportar paquete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="97"/>
        <source>Paquete firmado y cifrado para la oficina central</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="98"/>
        <source>Importar respuesta…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="99"/>
        <source>Importa el acuse de recibo y las observaciones de la oficina central</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="100"/>
        <source>Importar paquetes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="101"/>
        <source>Importa los paquetes de las regiones (varios a la vez)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="102"/>
        <source>Exportar respuesta…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="103"/>
        <source>Acuse de recibo y observaciones para una región</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="104"/>
        <source>Adjuntar medio de verificación…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="105"/>
        <source>Adjunta un archivo a la actividad seleccionada (también puede arrastrarlo sobre la fila)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="107"/>
        <source>Tablero nacional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="108"/>
        <source>Último paquete de cada región, desempeño regional y resultado del servicio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="109"/>
        <source>Resolver conflictos…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="110"/>
        <source>Registros editados por dos instalaciones de una región: elija qué versión se conserva</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="232"/>
        <source>Frase de paso de la clave de esta oficina:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="234"/>
        <source>Cancelado: no se cambió nada.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="245"/>
        <location filename="../../ui/sync_actions.py" line="250"/>
        <location filename="../../ui/sync_actions.py" line="255"/>
        <location filename="../../ui/sync_actions.py" line="260"/>
        <location filename="../../ui/sync_actions.py" line="264"/>
        <location filename="../../ui/sync_actions.py" line="268"/>
        <location filename="../../ui/sync_actions.py" line="276"/>
        <source>Configurar oficina</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="246"/>
        <source>Esta instalación ya está configurada: {0}. Huella de su clave: {1}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="249"/>
        <source>Oficina central (nivel central)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="251"/>
        <source>¿Qué oficina es esta instalación? No se puede cambiar después.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="256"/>
        <source>Elija una frase de paso para proteger las claves de esta oficina (se pide al exportar e importar; no se guarda en ninguna parte):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="260"/>
        <source>Repita la frase de paso:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="265"/>
        <source>Las frases de paso no coinciden; no se cambió nada.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="268"/>
        <source>La frase de paso no puede estar vacía.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="277"/>
        <source>Oficina configurada: {0}. Huella de su clave: {1}. Exporte sus claves públicas (Archivo → Oficina) y compare la huella por teléfono con la otra oficina.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="280"/>
        <source>Creando las claves de la oficina…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="288"/>
        <location filename="../../ui/sync_actions.py" line="292"/>
        <source>Exportar claves públicas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="303"/>
        <source>Firmando las claves públicas…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="304"/>
        <source>Claves públicas guardadas en {0}. Huella: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="312"/>
        <source>Incorporar claves de otra oficina</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="316"/>
        <location filename="../../ui/sync_actions.py" line="330"/>
        <location filename="../../ui/sync_actions.py" line="332"/>
        <source>Incorporar claves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="316"/>
        <source>¿De qué región es el archivo?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="333"/>
        <source>Clave de la {0} incorporada. Huella: {1}. Compárela por teléfono con esa oficina antes de intercambiar paquetes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="351"/>
        <location filename="../../ui/sync_actions.py" line="355"/>
        <location filename="../../ui/sync_actions.py" line="368"/>
        <source>Exportar respuesta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="352"/>
        <source>Esta oficina no tiene claves de ninguna región: incorpórelas con Archivo → Oficina → Incorporar claves de otra oficina…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="356"/>
        <source>¿A qué región responder? (una región con varias instalaciones recibe una respuesta para cada una)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="368"/>
        <source>Exportar paquete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="372"/>
        <source>Esta oficina no tiene la clave de la {0}: incorpore su archivo de claves con Archivo → Oficina → Incorporar claves de otra oficina…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="391"/>
        <source>Paquete n.º {0} para la {1} guardado en {2}: {3}, {4}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="393"/>
        <source>registro</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="393"/>
        <source>registros</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="394"/>
        <source>medio de verificación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="394"/>
        <source>medios de verificación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="399"/>
        <source>Firmando y cifrando el paquete n.º {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="406"/>
        <location filename="../../ui/sync_actions.py" line="408"/>
        <source>Importar paquetes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="412"/>
        <location filename="../../ui/sync_actions.py" line="414"/>
        <source>Importar respuesta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="439"/>
        <source>{0}: {1}, {2}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="440"/>
        <location filename="../../ui/sync_actions.py" line="452"/>
        <source>paquete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="440"/>
        <location filename="../../ui/sync_actions.py" line="452"/>
        <source>paquetes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="441"/>
        <source>importado o ya importado</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="441"/>
        <source>importados o ya importados</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="442"/>
        <source>rechazado</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="442"/>
        <source>rechazados</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="444"/>
        <source>Con el rechazado no se cambió nada.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="445"/>
        <source>Con los rechazados no se cambió nada.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="451"/>
        <source>Verificando e importando {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="503"/>
        <location filename="../../ui/sync_actions.py" line="506"/>
        <location filename="../../ui/sync_actions.py" line="553"/>
        <source>Adjuntar medio de verificación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="504"/>
        <source>Seleccione primero una fila de actividad en III.1, III.2 o III.3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="507"/>
        <source>Todos los archivos (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="522"/>
        <source>Medio de verificación adjunto: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="527"/>
        <source>Guardando el medio de verificación…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="548"/>
        <source>Suelte el archivo sobre una fila de actividad.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="554"/>
        <source>¿Adjuntar {0} como medio de verificación de «{1}»?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="555"/>
        <source>Adjuntar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="604"/>
        <source>Resolver conflictos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="608"/>
        <source>¿Conservar la versión actual de {0} «{1}»? La versión de la otra instalación (paquete n.º {2}) se descarta.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="611"/>
        <source>¿Eliminar {0} «{1}», como indica el paquete n.º {2} de la otra instalación? La versión actual se descarta.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="614"/>
        <source>¿Conservar la versión entrante (paquete n.º {2} de la otra instalación) de {0} «{1}»? La versión actual se descarta.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="617"/>
        <source>Conservar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="630"/>
        <source>Conflicto {0} resuelto: {1}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="636"/>
        <source>Resolviendo el conflicto…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <location filename="../../ui/sync_panel.py" line="93"/>
        <source>Paquete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="93"/>
        <source>Oficina</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="93"/>
        <source>N.º</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="93"/>
        <location filename="../../ui/sync_panel.py" line="95"/>
        <location filename="../../ui/sync_panel.py" line="100"/>
        <source>Fecha</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="94"/>
        <source>Contenido</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="95"/>
        <source>Sobre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="95"/>
        <location filename="../../ui/sync_panel.py" line="97"/>
        <source>Programa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="95"/>
        <source>Observación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="97"/>
        <source>Revisión</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="97"/>
        <source>Nota</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="98"/>
        <source>Actividad</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="98"/>
        <location filename="../../ui/sync_panel.py" line="100"/>
        <source>Archivo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="98"/>
        <source>Tamaño</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="98"/>
        <source>Estado</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="100"/>
        <source>Resultado</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="100"/>
        <source>Mensaje</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="103"/>
        <source>Paquetes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="108"/>
        <source>Revisión de los programas por la oficina central:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="110"/>
        <source>Observaciones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="111"/>
        <source>Medios de verificación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="112"/>
        <source>Importaciones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="125"/>
        <source>Esta instalación aún no está configurada como oficina. Puede seguir trabajando con los datos; para enviar o recibir paquetes use Archivo → Oficina → Configurar oficina…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="128"/>
        <source>&lt;b&gt;{0}&lt;/b&gt;&lt;br&gt;Huella de su clave: &lt;tt&gt;{1}&lt;/tt&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="137"/>
        <source>Aún no se ha exportado ningún paquete a la oficina central.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="139"/>
        <source>Último paquete enviado: n.º {0}. La oficina central aún no envía su acuse de recibo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="142"/>
        <source>Último paquete enviado: n.º {0}. Acuse de recibo: la oficina central aplicó hasta el n.º {1} y tiene {2}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="145"/>
        <source>medio de verificación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="145"/>
        <source>medios de verificación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="151"/>
        <source>enviado a</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="151"/>
        <source>recibido de</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="153"/>
        <source>Ningún paquete enviado ni recibido.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="159"/>
        <source>Sin observaciones.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="160"/>
        <source>Sin revisiones.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="166"/>
        <source>falta el archivo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="167"/>
        <source>recibido por la oficina central</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="167"/>
        <source>por enviar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="172"/>
        <source>Ningún medio de verificación adjunto. Arrastre un archivo sobre una actividad o use Editar → Adjuntar medio de verificación…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="178"/>
        <source>Ninguna importación todavía.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
